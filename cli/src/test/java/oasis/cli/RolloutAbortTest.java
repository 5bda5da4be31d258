package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import oasis.deploy.rollout.Control;
import oasis.deploy.rollout.Phase;
import oasis.deploy.rollout.RolloutState;
import oasis.deploy.rollout.RolloutStore;
import oasis.deploy.rollout.Step;
import oasis.state.EnvironmentLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oasis rollout abort} while a deploy drives the rollout: the request reaches that deploy
 * before anything else is read, so calls go back within a tick of the command's start.
 */
class RolloutAbortTest {

  @TempDir Path dir;

  @Test
  void anAbortReachesTheDrivingDeployWithoutReadingOasisYaml() throws Exception {
    // a project whose oasis.yaml does not even parse: the abort must not need it
    Files.writeString(dir.resolve("oasis.yaml"), "components: [unclosed\n");
    Path envDir = dir.resolve(".oasis/envs/staging");
    Files.createDirectories(envDir);
    RolloutStore store = new RolloutStore(envDir);
    try (EnvironmentLock lock =
        EnvironmentLock.acquire(envDir, "staging", "deploy", Clock.systemUTC(), n -> {})) {
      RolloutState driven =
          RolloutState.start(
                  7,
                  "1.2.0",
                  "blue-green",
                  "green",
                  List.of("order-manager"),
                  List.of(Step.setWeight(100), Step.pause(java.time.Duration.ofMinutes(5))),
                  1,
                  Instant.now())
              .drivenBy(ProcessHandle.current().pid());
      store.save(driven);
      CompletableFuture<Control> taken = CompletableFuture.supplyAsync(() -> drive(store, driven));

      OasisTest.Result r = abort();

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(Control.ABORT);
      assertThat(r.out()).contains("abort: done by the deploy command (pid");
      assertThat(store.load().trafficBackAt()).isNotNull();
    }
  }

  @Test
  void withNoDeployDrivingItTheAbortTakesTheWholePathAndReadsOasisYaml() throws Exception {
    Files.writeString(dir.resolve("oasis.yaml"), "components: [unclosed\n");
    OasisTest.Result r = abort();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("oasis.yaml");
  }

  private OasisTest.Result abort() {
    return OasisTest.run("--project-dir", dir.toString(), "rollout", "abort", "--env", "staging");
  }

  /** What the deploy's driver does with a request: takes it, moves traffic, finishes. */
  private static Control drive(RolloutStore store, RolloutState s) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      RolloutStore.Request r = store.take();
      if (r != null) {
        store.save(
            s.failing(Instant.now(), "aborted")
                .trafficBack(Instant.now())
                .finished(Phase.ABORTED, Instant.now(), "aborted: by a person", r.who()));
        return r.control();
      }
      oasis.core.Durations.pause(10);
    }
    return null;
  }
}
