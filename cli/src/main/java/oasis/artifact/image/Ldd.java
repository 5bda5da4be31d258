package oasis.artifact.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import oasis.core.OasisException;

/** The shared libraries and the loader that {@code ldd} reports for executables and libraries. */
final class Ldd {

  private Ldd() {}

  /**
   * Absolute path as the loader looks it up (e.g. {@code /lib/x86_64-linux-gnu/libz.so.1}, {@code
   * /lib64/ld-linux-x86-64.so.2}) to the file on this machine; libraries ldd cannot find (the JDK's
   * own, loaded by path) are left out.
   */
  static Map<String, Path> libraries(List<Path> files) {
    Map<String, Path> out = new TreeMap<>();
    for (Path f : files) {
      for (String line : run(f)) {
        String l = line.strip();
        String path = null;
        int arrow = l.indexOf("=>");
        if (arrow >= 0) {
          String right = l.substring(arrow + 2).strip();
          if (right.startsWith("/")) {
            path = right.split("\\s+")[0];
          }
        } else if (l.startsWith("/")) {
          path = l.split("\\s+")[0]; // the loader
        }
        if (path != null && Files.isRegularFile(Path.of(path))) {
          out.put(path, Path.of(path));
        }
      }
    }
    return out;
  }

  /** The loader's path among {@code libs} (ld-linux...). */
  static String loader(Map<String, Path> libs) {
    return libs.keySet().stream()
        .filter(p -> Path.of(p).getFileName().toString().startsWith("ld-linux"))
        .findFirst()
        .orElseThrow(
            () ->
                OasisException.failed(
                    "ldd reported no loader (ld-linux) among " + libs.keySet(),
                    "This machine's binaries are not dynamically linked glibc programs; set the"
                        + " environment's docker.baseImage to a JRE image instead."));
  }

  private static List<String> run(Path file) {
    try {
      Process p = new ProcessBuilder("ldd", file.toString()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw OasisException.failed("ldd " + file + " did not finish in 30 s", null);
      }
      // exit 1 for files that are not dynamic executables (e.g. a static library): no libraries
      return p.exitValue() == 0 ? List.of(out.split("\n")) : new ArrayList<>();
    } catch (IOException e) {
      throw OasisException.failed(
          "cannot run ldd on " + file + ": " + e.getMessage(),
          "Install libc-bin (ldd), or set the environment's docker.baseImage to a JRE image.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted", null, e);
    }
  }
}
