package oasis.runtime.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import oasis.artifact.ArtifactStore;
import oasis.state.StateLayout;

/**
 * The class path the detached supervisor runs from: a private copy of the CLI's jars under {@code
 * .oasis/runtime/<sha256>/}, so that rebuilding the CLI (the launcher does it when sources change)
 * never pulls the jar from under a supervisor that keeps running.
 */
final class SupervisorRuntime {

  private SupervisorRuntime() {}

  /**
   * {@code classPath} with its jars (and their manifest Class-Path) copied under {@code stateDir}.
   */
  static String pin(String classPath, Path stateDir) {
    Set<Path> jars = new LinkedHashSet<>();
    List<String> dirs = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
        jars.add(p);
        jars.addAll(manifestClassPath(p));
      } else {
        dirs.add(entry); // class directories (tests in-process): used as they are
      }
    }
    if (jars.isEmpty()) {
      return classPath;
    }
    Path first = jars.iterator().next();
    Path dir =
        StateLayout.at(stateDir).runtime().resolve(ArtifactStore.sha256(first).substring(0, 16));
    if (!Files.isDirectory(dir)) {
      Path tmp = dir.resolveSibling("." + dir.getFileName() + "." + UUID.randomUUID());
      try {
        Files.createDirectories(tmp);
        int i = 0;
        for (Path jar : jars) {
          Files.copy(jar, tmp.resolve(String.format("%03d-%s", i++, jar.getFileName())));
        }
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
          if (!Files.isDirectory(dir)) {
            throw raced;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy the CLI runtime to " + dir, e);
      }
    }
    try (var files = Files.list(dir)) {
      List<String> entries = new ArrayList<>(files.map(Path::toString).sorted().toList());
      entries.addAll(dirs);
      return entries.stream().collect(Collectors.joining(File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static List<Path> manifestClassPath(Path jar) {
    try (JarFile f = new JarFile(jar.toFile())) {
      var manifest = f.getManifest();
      String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (cp == null || cp.isBlank()) {
        return List.of();
      }
      List<Path> out = new ArrayList<>();
      for (String rel : cp.trim().split("\\s+")) {
        Path p = jar.getParent().resolve(rel).normalize();
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest of " + jar, e);
    }
  }
}
