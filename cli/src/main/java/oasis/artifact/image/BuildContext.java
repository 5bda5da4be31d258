package oasis.artifact.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The files of one image build, written as the tar stream the Engine API takes; modes are explicit
 * (executables 0755) and owners root, whatever the files on disk say.
 */
final class BuildContext {

  private record Entry(Path file, byte[] bytes, int mode) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final java.util.List<Path> temporary = new java.util.ArrayList<>();

  /** A directory laid out for this context only, deleted once the tar is written. */
  BuildContext temporary(Path dir) {
    temporary.add(dir);
    return this;
  }

  java.util.List<Path> temporary() {
    return temporary;
  }

  BuildContext text(String path, String content) {
    entries.put(path, new Entry(null, content.getBytes(StandardCharsets.UTF_8), 0644));
    return this;
  }

  BuildContext bytes(String path, byte[] content) {
    entries.put(path, new Entry(null, content, 0644));
    return this;
  }

  BuildContext file(String path, Path file) {
    entries.put(path, new Entry(file, null, Files.isExecutable(file) ? 0755 : 0644));
    return this;
  }

  BuildContext dir(String path, int mode) {
    entries.put(path.endsWith("/") ? path : path + "/", new Entry(null, null, mode));
    return this;
  }

  /** Every regular file under {@code root} (links followed), at {@code prefix}/relative path. */
  BuildContext tree(String prefix, Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted().toList()) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty()) {
          continue;
        }
        if (Files.isDirectory(p)) {
          dir(prefix + "/" + rel, 0755);
        } else if (Files.isRegularFile(p)) {
          file(prefix + "/" + rel, p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
    return this;
  }

  /** Writes the context as a tar file (parent directories first, 0755). */
  Path writeTar(Path tar) {
    TreeSet<String> dirs = new TreeSet<>();
    for (String name : entries.keySet()) {
      for (int i = name.indexOf('/');
          i > 0 && i < name.length() - 1;
          i = name.indexOf('/', i + 1)) {
        dirs.add(name.substring(0, i + 1));
      }
    }
    try {
      Files.createDirectories(tar.getParent());
      try (OutputStream out = Files.newOutputStream(tar);
          TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
        t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (String d : dirs) {
          if (!entries.containsKey(d)) {
            put(t, d, new Entry(null, null, 0755));
          }
        }
        for (var e : entries.entrySet()) {
          put(t, e.getKey(), e.getValue());
        }
      }
      return tar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build context " + tar, e);
    }
  }

  private static void put(TarArchiveOutputStream t, String name, Entry e) throws IOException {
    TarArchiveEntry te = new TarArchiveEntry(name);
    te.setMode((name.endsWith("/") ? 040000 : 0100000) | e.mode());
    te.setUserId(0);
    te.setGroupId(0);
    te.setModTime(0);
    if (name.endsWith("/")) {
      t.putArchiveEntry(te);
      t.closeArchiveEntry();
      return;
    }
    te.setSize(e.bytes() != null ? e.bytes().length : Files.size(e.file()));
    t.putArchiveEntry(te);
    if (e.bytes() != null) {
      t.write(e.bytes());
    } else {
      try (InputStream in = Files.newInputStream(e.file())) {
        in.transferTo(t);
      }
    }
    t.closeArchiveEntry();
  }
}
