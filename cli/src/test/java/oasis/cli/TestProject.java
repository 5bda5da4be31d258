package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import oasis.testing.CliResult;
import oasis.testing.FreePorts;
import oasis.testing.Git;
import oasis.testing.OasisCli;

/**
 * A throw-away Oasis project for the integration tests: two test services ({@code alpha}, {@code
 * beta} depending on alpha and on optional Redis), a Maven Wrapper stand-in that packages the real
 * test service as each module's artifact, a git repository, and the packaged CLI to run against it
 * as a separate process.
 */
final class TestProject {

  /** The checkout: the parent of the module whose tests run (cli, or cli-it for the ITs). */
  static final Path REPO = Path.of("").toAbsolutePath().getParent();

  /** The CLI module's build output: its jar and lib/, and its test classes (the test services). */
  static final Path CLI_TARGET = REPO.resolve("cli/target");

  static final Path CLI_JAR = CLI_TARGET.resolve("oasis-cli.jar");
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  static final String JAR = Path.of(System.getProperty("java.home"), "bin", "jar").toString();

  /** The real broker's artifact, built by the reactor (-am) before the CLI's tests. */
  static final Path KAFKA_ARTIFACT = REPO.resolve("services/embedded-kafka/target");

  /** The value of a secret in the docker environment's .env: never in labels or compose files. */
  static final String SECRET = "s3cr3t-" + Long.toHexString(System.nanoTime());

  final Path dir;

  /** Variables added to the environment of every CLI process this project starts. */
  final java.util.Map<String, String> extraEnv = new java.util.HashMap<>();

  TestProject(Path dir) throws Exception {
    this(dir, null);
  }

  /**
   * With {@code dockerEnv}: also a real Kafka broker (the embedded-kafka artifact that the reactor
   * built), an environment of that name with {@code target: docker} whose {@code .env} holds a
   * secret, limits for beta, and the repository's {@code templates/} for images and compose files.
   */
  TestProject(Path dir, String dockerEnv) throws Exception {
    this.dir = dir.toRealPath();
    int base = freePortBlock();
    String kafka =
        dockerEnv == null
            ? ""
            : """
              kafka:
                kind: kafka
                ports: {bootstrap: 19092, controller: 19093}
                topics: {it.events: {partitions: 2}}
                resources: {memory: 768m}
            """;
    String environment =
        dockerEnv == null
            ? ""
            : """
              %s:
                target: docker
                envFile: environments/docker.env
                historyLimit: 50
                docker: {baseImage: offline, restartPolicy: unless-stopped}
            """
                .formatted(dockerEnv);
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
            resources: {memory: 256m, cpus: 0.5}
        infrastructure:
          redis:
            kind: redis
            ports: {redis: %d}
            optional: true
        %senvironments:
          staging:
            target: local
            historyLimit: 50
        %s"""
            .formatted(base, base + 1, base + 2, base + 3, base + 4, kafka, environment));
    write(
        "pom.xml",
        """
        <project><modelVersion>4.0.0</modelVersion><groupId>it</groupId><artifactId>it-parent</artifactId>
        <version>1.4.0-SNAPSHOT</version><packaging>pom</packaging>
        <modules><module>services/alpha</module><module>services/beta</module>
        <module>services/embedded-kafka</module></modules></project>
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
    if (dockerEnv != null) {
      write(
          "services/embedded-kafka/pom.xml",
          "<project><modelVersion>4.0.0</modelVersion><parent><groupId>it</groupId>"
              + "<artifactId>it-parent</artifactId><version>1.4.0-SNAPSHOT</version></parent>"
              + "<artifactId>embedded-kafka</artifactId></project>\n");
      write("environments/docker.env", "IT_API_SECRET=" + SECRET + "\nIT_PLAIN=plain\n");
      copyTree(REPO.resolve("templates/docker"), this.dir.resolve("templates/docker"));
      copyTree(REPO.resolve("templates/compose"), this.dir.resolve("templates/compose"));
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
          if [[ "$m" == services/embedded-kafka ]]; then
            cp %s/oasis-embedded-kafka.jar "$t/embedded-kafka.jar"; cp %s/lib/*.jar "$t/lib/"; continue
          fi
          cp -r %s/oasis "$t/classes/"
          find "$t/classes/oasis" -mindepth 1 -maxdepth 1 ! -name testservice -exec rm -rf {} +
          cp "$m/src/main/resources/"* "$t/classes/"
          (cd "$t/classes" && %s cf "../$(basename "$m").jar" .)
          cp %s/*.jar "$t/lib/"
        done
        """
            .formatted(KAFKA_ARTIFACT, KAFKA_ARTIFACT, classes, JAR, lib));
    Files.setPosixFilePermissions(
        dir.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write(".gitignore", ".oasis/\ntarget/\n");
    git("init", "-q");
    commit("initial");
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  void write(String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  void commit(String message) throws Exception {
    Git.commitAll(dir, message);
  }

  private void git(String... args) throws Exception {
    Git.git(dir, args);
  }

  /** Starts the packaged CLI on this project; the caller waits. */
  Process start(String... args) throws IOException {
    return cli().start(args);
  }

  CliResult run(String... args) throws Exception {
    return cli().run(180, args);
  }

  private OasisCli cli() {
    OasisCli cli = new OasisCli(CLI_JAR, dir);
    cli.environment().putAll(extraEnv);
    return cli;
  }

  /** Every process of this project still alive: the ones whose command line names its directory. */
  List<ProcessHandle> processes() {
    return cli().processes();
  }

  /** Stops whatever a failed test left behind (by the project's own pids). */
  void cleanUp() throws Exception {
    CliResult r = run("down", "--env", "staging");
    for (ProcessHandle h : processes()) {
      h.destroyForcibly();
    }
    assertThat(r.code()).as("down: %s", r.err()).isZero();
  }

  /** Five consecutive free ports starting at the returned one. */
  static int freePortBlock() {
    return FreePorts.block(5);
  }
}
