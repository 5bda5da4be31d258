package oasis.artifact.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import oasis.core.OasisException;

/**
 * The offline base image's root file system: a JRE made by {@code jlink} from this machine's JDK
 * (the modules the services and the Kafka broker need, checked with jdeps), the shared libraries
 * {@code ldd} reports for it, the loader, and a world-writable {@code /tmp}.
 */
final class JreImage {

  /**
   * The modules of the services, the kit and the Kafka broker ({@code jdeps --print-module-deps}
   * over their jars and libraries), TLS with EC keys for wss:// feeds, and the probe's HTTP client.
   */
  static final List<String> MODULES =
      List.of(
          "java.base",
          "java.compiler",
          "java.desktop",
          "java.logging",
          "java.management",
          "java.naming",
          "java.net.http",
          "java.security.jgss",
          "java.security.sasl",
          "java.sql",
          "java.xml",
          "jdk.crypto.ec",
          "jdk.httpserver",
          "jdk.management",
          "jdk.unsupported");

  private final Path javaHome;
  private final Path workDir;

  JreImage(Path javaHome, Path workDir) {
    this.javaHome = javaHome;
    this.workDir = workDir;
  }

  /** What the JRE is made of: the JDK (its release file and location) and the modules. */
  String inputs() {
    try {
      Path release = javaHome.resolve("release");
      String text = Files.isRegularFile(release) ? Files.readString(release) : "";
      return javaHome + "\n" + text + "\n" + String.join(",", MODULES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + javaHome.resolve("release"), e);
    }
  }

  BuildContext context(String dockerfile) {
    Path jlink = javaHome.resolve("bin").resolve("jlink");
    if (!Files.isExecutable(jlink) || !Files.isDirectory(javaHome.resolve("jmods"))) {
      throw OasisException.badInput(
          "cannot make the offline base image: " + javaHome + " has no jlink and jmods/",
          "Run oasis with a full JDK 17 (apt-get install openjdk-17-jdk-headless), or set the"
              + " environment's docker.baseImage to a JRE image such as eclipse-temurin:17-jre.");
    }
    Path dir = workDir.resolve("jre-" + UUID.randomUUID());
    Path java = dir.resolve("opt/java");
    try {
      Files.createDirectories(dir.resolve("opt"));
      run(
          List.of(
              jlink.toString(),
              "--add-modules",
              String.join(",", MODULES),
              "--strip-debug",
              "--no-man-pages",
              "--no-header-files",
              "--compress=2",
              "--output",
              java.toString()));
      List<Path> elf = new ArrayList<>();
      elf.add(java.resolve("bin/java"));
      try (Stream<Path> walk = Files.walk(java.resolve("lib"))) {
        walk.filter(p -> p.getFileName().toString().endsWith(".so")).forEach(elf::add);
      }
      Map<String, Path> libs = Ldd.libraries(elf);
      Ldd.loader(libs);
      BuildContext ctx = new BuildContext().temporary(dir).text("Dockerfile", dockerfile);
      ctx.tree("rootfs/opt/java", java);
      libs.forEach((at, file) -> ctx.file("rootfs" + at, file));
      ctx.dir("rootfs/tmp", 01777);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out the JRE in " + dir, e);
    }
  }

  private static void run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw OasisException.failed(
            "jlink failed: " + String.join(" ", cmd) + "\n" + out.strip(),
            "Check the JDK at " + cmd.get(0) + ", or set the environment's docker.baseImage.");
      }
    } catch (IOException e) {
      throw OasisException.failed("cannot run " + cmd.get(0) + ": " + e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted", null, e);
    }
  }
}
