package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Oasis project for the integration tests: two test services ({@code alpha}, {@code
 * beta} depending on alpha and on optional Redis), a Maven Wrapper stand-in that packages the real
 * test service as each module's artifact, a git repository, and the packaged CLI to run against it
 * as a separate process.
 */
final class TestProject {

  static final Path CLI_TARGET = Path.of("target").toAbsolutePath();
  static final Path CLI_JAR = CLI_TARGET.resolve("oasis-cli.jar");
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  static final String JAR = Path.of(System.getProperty("java.home"), "bin", "jar").toString();

  record Result(int code, String out, String err) {
    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  final Path dir;

  TestProject(Path dir) throws Exception {
    this.dir = dir.toRealPath();
    int base = freePortBlock();
    write(
        "oasis.yaml",
        """
        project: it
        defaultEnvironment: staging
        components:
          alpha:
            module: services/alpha
            mainClass: oasis.testservice.TestServiceMain
            ports: {metrics: %d, grpc: %d}
            dependsOn: [redis]
          beta:
            module: services/beta
            mainClass: oasis.testservice.TestServiceMain
            ports: {metrics: %d, grpc: %d}
            dependsOn: [alpha]
        infrastructure:
          redis:
            kind: redis
            ports: {redis: %d}
            optional: true
        environments:
          staging:
            target: local
            historyLimit: 50
        """
            .formatted(base, base + 1, base + 2, base + 3, base + 4));
    write(
        "pom.xml",
        """
        <project><modelVersion>4.0.0</modelVersion><groupId>it</groupId><artifactId>it-parent</artifactId>
        <version>1.4.0-SNAPSHOT</version><packaging>pom</packaging>
        <modules><module>services/alpha</module><module>services/beta</module></modules></project>
        """);
    for (String m : List.of("alpha", "beta")) {
      write(
          "services/" + m + "/pom.xml",
          "<project><modelVersion>4.0.0</modelVersion><parent><groupId>it</groupId>"
              + "<artifactId>it-parent</artifactId><version>1.4.0-SNAPSHOT</version></parent>"
              + "<artifactId>"
              + m
              + "</artifactId></project>\n");
      write("services/" + m + "/src/main/resources/behaviour.properties", "ready=true\n");
    }
    Path classes = CLI_TARGET.resolve("test-classes");
    Path lib = CLI_TARGET.resolve("lib");
    write(
        "mvnw",
        """
        #!/usr/bin/env bash
        # Stands in for the Maven Wrapper: packages the test service as target/<module>.jar + lib/.
        set -euo pipefail
        echo "mvnw $*"
        modules=""
        while (($#)); do [[ "$1" == "-pl" ]] && { modules="$2"; shift; }; shift; done
        for m in ${modules//,/ }; do
          t="$m/target"; rm -rf "$t"; mkdir -p "$t/lib" "$t/classes"
          cp -r %s/oasis "$t/classes/"
          find "$t/classes/oasis" -mindepth 1 -maxdepth 1 ! -name testservice -exec rm -rf {} +
          cp "$m/src/main/resources/"* "$t/classes/"
          (cd "$t/classes" && %s cf "../$(basename "$m").jar" .)
          cp %s/*.jar "$t/lib/"
        done
        """
            .formatted(classes, JAR, lib));
    Files.setPosixFilePermissions(
        dir.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write(".gitignore", ".oasis/\ntarget/\n");
    git("init", "-q");
    commit("initial");
  }

  void write(String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  void commit(String message) throws Exception {
    git("add", "-A");
    git("-c", "user.name=it", "-c", "user.email=it@example.invalid", "commit", "-q", "-m", message);
  }

  private void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", args, out).isZero();
  }

  /** Starts the packaged CLI on this project; the caller waits. */
  Process start(String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                JAVA,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                CLI_JAR.toString(),
                "--project-dir",
                dir.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("NO_COLOR", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  Result run(String... args) throws Exception {
    Process p = start(args);
    var out = new java.util.concurrent.CompletableFuture<String>();
    var err = new java.util.concurrent.CompletableFuture<String>();
    drain(p.getInputStream(), out);
    drain(p.getErrorStream(), err);
    assertThat(p.waitFor(180, TimeUnit.SECONDS))
        .as("oasis %s finished", String.join(" ", args))
        .isTrue();
    return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
  }

  static void drain(java.io.InputStream in, java.util.concurrent.CompletableFuture<String> into) {
    Thread t =
        new Thread(
            () -> {
              try {
                into.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                into.complete("(unreadable: " + e + ")");
              }
            });
    t.setDaemon(true);
    t.start();
  }

  /** Every process of this project still alive: the ones whose command line names its directory. */
  List<ProcessHandle> processes() {
    String marker = dir.toString();
    return ProcessHandle.allProcesses()
        .filter(
            h -> h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
        .toList();
  }

  /** Stops whatever a failed test left behind (by the project's own pids). */
  void cleanUp() throws Exception {
    Result r = run("down", "--env", "staging");
    for (ProcessHandle h : processes()) {
      h.destroyForcibly();
    }
    assertThat(r.code()).as("down: %s", r.err()).isZero();
  }

  /** Five consecutive free ports starting at the returned one. */
  static int freePortBlock() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base;
      try (ServerSocket s = new ServerSocket(0)) {
        base = s.getLocalPort();
      }
      if (base > 60000) {
        continue;
      }
      boolean ok = true;
      for (int p = base; p < base + 5 && ok; p++) {
        try (ServerSocket s = new ServerSocket(p)) {
          ok = true;
        } catch (IOException busy) {
          ok = false;
        }
      }
      if (ok) {
        return base;
      }
    }
    throw new IllegalStateException("no block of 5 free ports");
  }
}
