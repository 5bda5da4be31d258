package oasis.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import oasis.testing.CliResult;
import oasis.testing.FreePorts;
import oasis.testing.Git;
import oasis.testing.OasisCli;

/**
 * This repository's own {@code oasis.yaml} and services, in a throw-away project: every port moved
 * to a free one, only the staging environment, a git repository, and a Maven Wrapper stand-in that
 * hands {@code oasis build} the artifacts the reactor already packaged ({@code
 * services/<module>/target/<artifactId>.jar} and {@code target/lib}). The packaged CLI runs against
 * it as a process, exactly as a user runs it.
 */
final class AcceptanceProject {

  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  static final Path CLI_JAR = REPO.resolve("cli/target/oasis-cli.jar");

  final Path dir;

  /** How long one CLI command may take before the test fails. */
  long commandTimeoutSeconds = 180;

  /** Variables the CLI runs with beyond this JVM's own (e.g. a CI secret behind ${env:...}). */
  final Map<String, String> cliEnvironment = new java.util.HashMap<>();

  AcceptanceProject(Path tmp) throws Exception {
    this(tmp, envs -> {}, Map.of());
  }

  /**
   * @param environments adds environments beside staging
   * @param files more files of the project (path to content), e.g. an environment's .env, which git
   *     ignores
   */
  AcceptanceProject(Path tmp, Consumer<ObjectNode> environments, Map<String, String> files)
      throws Exception {
    assertThat(CLI_JAR).as("the packaged CLI (the reactor builds cli before this module)").exists();
    this.dir = tmp.toRealPath();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode config = (ObjectNode) yaml.readTree(REPO.resolve("oasis.yaml").toFile());
    Set<Integer> taken = new HashSet<>();
    List<String> modules = new ArrayList<>();
    for (String section : List.of("components", "infrastructure")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = config.get(section).fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ObjectNode ports = (ObjectNode) e.getValue().get("ports");
        ports.fieldNames().forEachRemaining(n -> ports.put(n, FreePorts.next(taken)));
        JsonNode module = e.getValue().get("module");
        if (module != null) {
          modules.add(module.asText());
        }
      }
    }
    modules.add("services/embedded-kafka");
    ObjectNode envs = config.putObject("environments");
    envs.putObject("staging").put("target", "local").put("historyLimit", 50);
    environments.accept(envs);
    config.put("defaultEnvironment", "staging");
    config.remove("release");
    yaml.writeValue(dir.resolve("oasis.yaml").toFile(), config);
    Files.copy(REPO.resolve("pom.xml"), dir.resolve("pom.xml"));
    for (String m : modules) {
      Path pom = REPO.resolve(m).resolve("pom.xml");
      assertThat(pom).as("module %s of oasis.yaml", m).exists();
      Files.createDirectories(dir.resolve(m));
      Files.copy(pom, dir.resolve(m).resolve("pom.xml"));
    }
    // the docker target renders images and compose files from the project's templates
    for (String t : List.of("templates/docker", "templates/compose")) {
      Files.createDirectories(dir.resolve(t));
      try (var listing = Files.list(REPO.resolve(t))) {
        for (Path f : listing.toList()) {
          Files.copy(f, dir.resolve(t).resolve(f.getFileName()));
        }
      }
    }
    write(
        "mvnw",
        """
        #!/usr/bin/env bash
        # Stands in for the Maven Wrapper: the reactor already packaged every module in %s.
        set -euo pipefail
        repo=%s
        modules=""
        while (($#)); do [[ "$1" == "-pl" ]] && { modules="$2"; shift; }; shift; done
        for m in ${modules//,/ }; do
          # the module's own jar, not a test-jar it may also package for other modules' tests
          jar="$(ls "$repo/$m/target/"*.jar | grep -v -- '-tests\\.jar$' | head -1)"
          rm -rf "$m/target"; mkdir -p "$m/target"
          cp "$jar" "$m/target/"
          cp -r "$repo/$m/target/lib" "$m/target/lib"
        done
        """
            .formatted(REPO, REPO));
    Files.setPosixFilePermissions(
        dir.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write(".gitignore", ".oasis/\ntarget/\nenvironments/*.env\n");
    for (Map.Entry<String, String> f : files.entrySet()) {
      write(f.getKey(), f.getValue());
    }
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "it");
  }

  void write(String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private void git(String... args) throws Exception {
    Git.git(dir, args);
  }

  /** Runs the packaged CLI on this project and waits (bounded) for it. */
  CliResult run(String... args) throws Exception {
    OasisCli cli = new OasisCli(CLI_JAR, dir);
    cli.environment().putAll(cliEnvironment);
    return cli.run(commandTimeoutSeconds, args);
  }

  /** The status of one component, as {@code oasis status --output json} shows it. */
  JsonNode component(String name) throws Exception {
    return CliResult.component(run("--output", "json", "status").json(), name);
  }

  /** Waits (bounded) until status says healthy; returns the last status. */
  JsonNode awaitHealthy(long seconds) throws Exception {
    return awaitHealthy("staging", seconds);
  }

  /** Waits (bounded) until status of {@code env} says healthy; returns the last status. */
  JsonNode awaitHealthy(String env, long seconds) throws Exception {
    JsonNode s =
        poll(
            seconds,
            () -> run("--output", "json", "status", "--env", env).json(),
            status -> "healthy".equals(status.get("state").asText()));
    if (!"healthy".equals(s.get("state").asText())) {
      throw new AssertionError("not healthy within " + seconds + " s: " + s);
    }
    return s;
  }

  /** A reading that may fail, as running the CLI may. */
  interface Probe<T> {
    T read() throws Exception;
  }

  /**
   * Reads {@code probe} until {@code done} holds or {@code seconds} pass, and returns the last
   * reading either way: the caller asserts on it, and may report more first.
   */
  static <T> T poll(long seconds, Probe<T> probe, java.util.function.Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    T last = probe.read();
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(500); // each reading runs the CLI or scrapes metrics: not a busy loop
      last = probe.read();
    }
    return last;
  }

  /** Every process of this project still alive: those whose command line names its directory. */
  List<ProcessHandle> processes() {
    return new OasisCli(CLI_JAR, dir).processes();
  }

  /** Stops the environment, then whatever it left (by this project's own pids). */
  void cleanUp() throws Exception {
    CliResult r = run("down", "--env", "staging");
    for (ProcessHandle h : processes()) {
      h.destroyForcibly();
    }
    assertThat(r.code()).as("down: %s", r.err()).isZero();
  }
}
