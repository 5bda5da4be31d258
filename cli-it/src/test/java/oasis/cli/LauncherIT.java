package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged CLI run through the ./oasis launcher as a separate process. */
class LauncherIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Result(int code, String out, String err) {}

  static Result launch(String... args) throws Exception {
    return launch(java.util.Map.of(), args);
  }

  static Result launch(java.util.Map<String, String> env, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = ROOT.resolve("oasis").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS))
        .as("oasis %s finished", String.join(" ", args))
        .isTrue();
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void launcherRunsThePackagedCliWithoutRebuilding() throws Exception {
    Result r = launch("--version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("oasis ").contains("(commit ");
    assertThat(r.err()).as("no build message: the package is fresh").doesNotContain("building");
  }

  @Test
  void unknownFlagExitsTwoThroughTheLauncher() throws Exception {
    Result r = launch("--no-such-flag");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().count()).isLessThanOrEqualTo(3);
  }

  @Test
  void noColourWhenStdoutIsNotATerminal() throws Exception {
    Result r = launch("--help");
    assertThat(r.out()).doesNotContain("\u001b[");
  }

  @Test
  void theArchiveHoldsWhatReadingTheLedgerLoads(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // a project with one revision: 'history' reads the ledger (Jackson, its java.time module)
    java.nio.file.Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          alpha: {module: services/alpha, mainClass: a.Main, ports: {grpc: 1}}
        environments:
          staging: {target: local}
        """);
    Path env = java.nio.file.Files.createDirectories(dir.resolve(".oasis/envs/staging"));
    java.nio.file.Files.writeString(
        env.resolve("ledger.json"),
        """
        {"environment": "staging", "current": 1, "nextRevision": 2, "revisions": [
         {"revision": 1, "version": "0.1.0", "commit": "0", "strategy": "all-at-once",
          "state": "healthy", "startedAt": "2026-01-01T00:00:00Z",
          "finishedAt": "2026-01-01T00:00:01Z", "components": {"alpha": "sha256:0"}}]}
        """);
    launch("--version"); // the archive, made when missing or stale
    Path log = dir.resolve("classes.log");
    Result r =
        launch(
            java.util.Map.of("OASIS_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
            "--project-dir",
            dir.toString(),
            "history");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("0.1.0");
    var instants =
        java.nio.file.Files.readAllLines(log).stream()
            .filter(l -> l.contains(" com.fasterxml.jackson.datatype.jsr310.deser."))
            .toList();
    assertThat(instants).as("the ledger's instants were read").isNotEmpty();
    assertThat(instants)
        .as("from the class-data archive, not the jar")
        .allMatch(l -> l.contains("source: shared objects file"));
  }

  @Test
  void theArchiveHoldsWhatAnAbortReadsBeforeItHandsOver(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // a rollout whose driving command is gone: the abort reads it and the lock, then goes on
    Path env = java.nio.file.Files.createDirectories(dir.resolve(".oasis/envs/staging"));
    java.nio.file.Files.writeString(
        env.resolve("rollout.json"),
        "{\"revision\": 1, \"phase\": \"progressing\", \"driver\": 2147483646}");
    java.nio.file.Files.writeString(
        env.resolve("lock"),
        "{\"pid\": 2147483645, \"processStart\": \"2026-01-01T00:00:00Z\", \"host\": \"h\","
            + " \"command\": \"deploy\", \"started\": \"2026-01-01T00:00:01Z\"}");
    launch("--version"); // the archive, made when missing or stale
    Path log = dir.resolve("classes.log");
    launch(
        java.util.Map.of("OASIS_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
        "--project-dir",
        dir.toString(),
        "rollout",
        "abort",
        "--env",
        "staging");
    var handOver =
        java.nio.file.Files.readAllLines(log).stream()
            .filter(
                l ->
                    l.contains(" oasis.core.JsonFields ")
                        || l.contains(" oasis.state.EnvironmentLock ")
                        || l.contains(" oasis.deploy.rollout.RolloutStore$Glance "))
            .toList();
    assertThat(handOver).as("the rollout and the lock were read").hasSize(3);
    assertThat(handOver)
        .as("from the class-data archive, not the jar")
        .allMatch(l -> l.contains("source: shared objects file"));
  }
}
