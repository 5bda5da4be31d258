package oasis.runtime.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import oasis.artifact.ArtifactStore;

/**
 * Application class-data sharing for the JVMs the local target runs. The first process of an
 * artifact records the classes it loaded when it exits ({@code -XX:ArchiveClassesAtExit}, written
 * on a clean stop after SIGTERM); later processes of that artifact map them ({@code
 * -XX:SharedArchiveFile}) and boot in about half the time and CPU, which is most of a bring-up on a
 * small machine.
 *
 * <p>An archive belongs to one artifact digest and one JVM build. A dump is kept only when its
 * process exited cleanly; a damaged or foreign archive is ignored by the JVM ({@code -Xshare:auto},
 * the default), so the worst case is a start without sharing.
 */
final class ClassDataArchives {

  /** Dumps left by a process that was never settled (a supervisor killed meanwhile). */
  static final Duration ORPHAN_AGE = Duration.ofDays(1);

  /** Archives kept: five releases' worth of six artifacts. */
  static final int KEEP = 30;

  /** The JVM flags of one launch and the dump it will write, if it records one. */
  record Launch(List<String> flags, Path dump) {}

  private final Path dir;
  private final String jvm;

  ClassDataArchives(Path dir) {
    this(
        dir,
        System.getProperty("java.home")
            + "\n"
            + System.getProperty("java.vm.version")
            + "\n"
            + System.getProperty("os.arch"));
  }

  ClassDataArchives(Path dir, String jvmIdentity) {
    this.dir = dir;
    this.jvm = ArtifactStore.sha256(jvmIdentity.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }

  /** The flags for a new JVM running {@code artifact} (none without an artifact). */
  Launch launch(String artifact) {
    if (artifact == null || artifact.isBlank()) {
      return new Launch(List.of(), null);
    }
    Path archive = archive(artifact);
    if (Files.isRegularFile(archive)) {
      touch(archive); // recently used: kept by tidy()
      return new Launch(List.of("-XX:SharedArchiveFile=" + archive), null);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      return new Launch(List.of(), null); // no sharing is only slower
    }
    Path dump = dir.resolve(fileStem(artifact) + "." + UUID.randomUUID() + ".dump");
    // The dump's own warnings (classes it cannot share) are not the service's business.
    return new Launch(List.of("-XX:ArchiveClassesAtExit=" + dump, "-Xlog:cds*=off"), dump);
  }

  /**
   * After the process that was to write {@code dump} exited: a clean exit (0, or 143 for the JVM's
   * own SIGTERM handling) makes it the artifact's archive; anything else, such as SIGKILL in the
   * middle of writing, discards it.
   */
  void settle(String artifact, Path dump, int exitCode) {
    if (dump == null) {
      return;
    }
    try {
      if ((exitCode == 0 || exitCode == 143) && Files.size(dump) > 0) {
        Files.move(
            dump,
            archive(artifact),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(dump);
      }
    } catch (IOException e) {
      deleteQuietly(dump); // e.g. no dump was written: nothing to keep
    }
  }

  /**
   * Deletes dumps nobody will settle (their supervisor was killed while they ran) and all but the
   * {@link #KEEP} most recently used archives: at 40 to 60 MB each, one per artifact built, they
   * would fill the disk of a busy project. An archive deleted under a running JVM stays mapped.
   */
  void tidy(Instant now) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      all.stream()
          .filter(f -> f.getFileName().toString().endsWith(".dump"))
          .filter(f -> olderThan(f, now.minus(ORPHAN_AGE)))
          .forEach(ClassDataArchives::deleteQuietly);
      all.stream()
          .filter(f -> f.getFileName().toString().endsWith(".jsa"))
          .sorted(Comparator.comparing(ClassDataArchives::lastUsed).reversed())
          .skip(KEEP)
          .forEach(ClassDataArchives::deleteQuietly);
    } catch (IOException e) {
      // a later supervisor tries again
    }
  }

  Path archive(String artifact) {
    return dir.resolve(fileStem(artifact) + ".jsa");
  }

  /** {@code sha256:abc} to {@code abc-<jvm>}: the JVM reads a colon as a list of archives. */
  private String fileStem(String artifact) {
    return artifact.substring(artifact.indexOf(':') + 1) + "-" + jvm;
  }

  private static Instant lastUsed(Path f) {
    try {
      return Files.getLastModifiedTime(f).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  private static void touch(Path f) {
    try {
      Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // read-only store: the archive is only pruned earlier
    }
  }

  private static boolean olderThan(Path f, Instant limit) {
    try {
      return Files.getLastModifiedTime(f).toInstant().isBefore(limit);
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      // nothing to do: it is only a cache
    }
  }
}
