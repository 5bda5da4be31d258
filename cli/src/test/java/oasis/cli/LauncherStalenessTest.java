package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./oasis launcher's decisions, on a copy of it in a project of its own whose Maven Wrapper and
 * JVM are scripts that only write down how they were called: when it builds the CLI, and when it
 * makes its class-data archive.
 */
class LauncherStalenessTest {

  private static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("oasis");
  private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
  private static final FileTime NEWER = FileTime.from(Instant.parse("2021-01-01T00:00:00Z"));

  @TempDir Path root;
  Path calls;
  Path jar;

  @BeforeEach
  void layOutAProject() throws Exception {
    calls = root.resolve("calls.log");
    Files.copy(LAUNCHER, root.resolve("oasis"));
    executable(
        root.resolve("mvnw"),
        "echo build >>'" + calls + "'\ntouch '" + root.resolve("cli/target/oasis-cli.jar") + "'");
    executable(
        root.resolve("jdk/bin/java"),
        """
        for a in "$@"; do
          case "$a" in
            -Xshare:dump) dump=1 ;;
            -XX:SharedArchiveFile=*) archive="${a#*=}" ;;
            -XX:DumpLoadedClassList=*) exit 0 ;;
          esac
        done
        if [ -n "${dump:-}" ]; then echo archive >>'%s'; echo x >"$archive"; exit 0; fi
        echo "run $*" >>'%s'
        """
            .formatted(calls, calls));
    for (String file :
        List.of(
            "pom.xml",
            "cli/pom.xml",
            "proto/pom.xml",
            "cli/src/main/java/oasis/cli/Oasis.java",
            "cli/src/test/java/oasis/cli/OasisTest.java",
            "proto/src/main/protobuf/trading.proto")) {
      Path p = root.resolve(file);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
      Files.setLastModifiedTime(p, OLD);
    }
    jar = root.resolve("cli/target/oasis-cli.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Files.setLastModifiedTime(jar, NEWER);
  }

  private static void executable(Path file, String body) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private List<String> launch() throws Exception {
    Files.deleteIfExists(calls);
    ProcessBuilder pb =
        new ProcessBuilder(root.resolve("oasis").toString(), "--version")
            .directory(root.toFile())
            .redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  private void touch(String file) throws Exception {
    Files.setLastModifiedTime(root.resolve(file), FileTime.from(Instant.now()));
  }

  @Test
  void aFreshPackageRunsAsItIs() throws Exception {
    launch(); // makes the archive
    assertThat(launch()).singleElement().asString().startsWith("run ").endsWith("--version");
  }

  @Test
  void editingATestDoesNotRebuildTheCli() throws Exception {
    launch();
    touch("cli/src/test/java/oasis/cli/OasisTest.java");
    assertThat(launch()).doesNotContain("build", "archive");
  }

  @Test
  void editingAMainSourceOrAPomRebuildsTheCliAndItsArchive() throws Exception {
    for (String file :
        List.of(
            "cli/src/main/java/oasis/cli/Oasis.java",
            "cli/pom.xml",
            "pom.xml",
            "proto/src/main/protobuf/trading.proto")) {
      launch();
      Files.setLastModifiedTime(jar, NEWER);
      touch(file);
      assertThat(launch()).as(file).startsWith("build", "archive");
    }
  }

  @Test
  void theArchiveIsMadeAgainForANewJarOrAnotherJvm() throws Exception {
    assertThat(launch()).as("first run").contains("archive");
    Path archive = root.resolve("cli/target/oasis-cli.jsa");
    assertThat(archive).exists();
    assertThat(root.resolve("cli/target/oasis-cli.jsa.jvm"))
        .content()
        .isEqualToIgnoringNewLines(root.resolve("jdk/bin/java").toRealPath().toString());

    Files.setLastModifiedTime(archive, OLD); // the jar is newer than its archive
    assertThat(launch()).as("jar newer than the archive").contains("archive");

    Files.writeString(root.resolve("cli/target/oasis-cli.jsa.jvm"), "/another/jdk/bin/java\n");
    assertThat(launch()).as("archive of another JVM").contains("archive");
  }

  @Test
  void theRunUsesTheArchiveOnceMade() throws Exception {
    launch();
    assertThat(launch())
        .singleElement()
        .asString()
        .contains("-XX:SharedArchiveFile=" + root.resolve("cli/target/oasis-cli.jsa"));
  }
}
