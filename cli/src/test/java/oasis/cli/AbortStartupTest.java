package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oasis.deploy.rollout.Control;
import oasis.deploy.rollout.RolloutStore;
import oasis.state.EnvironmentLock;
import oasis.state.StateLayout;
import oasis.testing.ColdJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oasis rollout abort} of a rollout that a live deploy command drives: calls are back on
 * stable as soon as the abort command has handed its request over, so what it loads before that is
 * on the clock. This test plays the deploy command (it holds the lock and answers the request) and
 * runs the abort as a process that logs every class it loads.
 */
class AbortStartupTest {

  @TempDir Path dir;

  @Test
  void anAbortHandedToTheDriverLoadsNoObjectMapperNorYaml() throws Exception {
    Path envDir = Files.createDirectories(StateLayout.ofProject(dir).envDir("staging"));
    long me = ProcessHandle.current().pid();
    Path rollout = envDir.resolve(RolloutStore.STATE_FILE);
    try (EnvironmentLock lock =
        EnvironmentLock.acquire(envDir, "staging", "deploy", Clock.systemUTC(), n -> {})) {
      Files.writeString(
          rollout,
          "{\"revision\": 2, \"phase\": \"progressing\", \"driver\": " + me + ", \"steps\": []}");
      ColdJvm jvm =
          ColdJvm.start(
              dir,
              Oasis.class.getName(),
              "--project-dir",
              dir.toString(),
              "rollout",
              "abort",
              "--env",
              "staging");
      Process abort = jvm.process();
      RolloutStore store = new RolloutStore(envDir);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!store.pending() && abort.isAlive() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(5); // a bounded wait for the request
      }
      RolloutStore.Request request = store.take();
      assertThat(request).as("the abort command handed its request over").isNotNull();
      assertThat(request.control()).isEqualTo(Control.ABORT);
      assertThat(request.by()).isEqualTo(abort.pid());
      assertThat(request.at()).isNotNull();
      Files.writeString(
          rollout,
          "{\"revision\": 2, \"phase\": \"aborted\", \"driver\": "
              + me
              + ", \"trafficBackAt\": \"2026-01-01T00:00:00Z\", \"message\": \"back on blue\"}");
      assertThat(abort.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
      assertThat(jvm.output())
          .contains("abort: done by the deploy command (pid " + me + "); back on blue");
      assertThat(abort.exitValue()).isZero();
      List<String> classes = jvm.loadedClasses();
      assertThat(classes).as("the log was read").contains("oasis.deploy.rollout.RolloutStore");
      assertThat(classes)
          .as("the object mapper loads some 700 classes into the abort's cold JVM")
          .noneMatch(c -> c.startsWith("com.fasterxml.jackson.databind."))
          .noneMatch(c -> c.startsWith("org.yaml."));
    }
  }
}
