package oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import oasis.config.Project;
import oasis.config.ProjectLoader;
import oasis.core.OasisException;
import oasis.deploy.rollout.Control;
import oasis.deploy.rollout.RolloutState;
import oasis.deploy.rollout.RolloutStore;
import oasis.deploy.rollout.Strategies;
import oasis.release.ReleaseManifest;
import oasis.state.Ledger;
import oasis.state.LedgerStore;
import oasis.state.Revision;
import oasis.state.RevisionState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy engine's behaviour in process, against a target that records what it is asked to run:
 * rollback on failure, crash recovery, nothing to do, the revision life cycle (no secret outlives
 * its revision, on every path) and the promotion gate on every path.
 */
class DeployerTest {

  private static final Duration T = Duration.ofSeconds(5);
  private static final String COMMIT = "c0ffee".repeat(6) + "beef";

  @TempDir Path dir;
  Project project;
  final List<String> progress = new ArrayList<>();

  @BeforeEach
  void project() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          order-manager: {module: services/order-manager, mainClass: o.Main, ports: {grpc: 50052}}
          risk-engine:
            module: services/risk-engine
            mainClass: r.Main
            ports: {grpc: 50051}
            dependsOn: [order-manager]
        environments:
          staging:
            target: local
            historyLimit: 2
            rollout:
              blueGreen: {autoPromote: true, warmWindow: 1ms, analysis: false}
          production: {target: local, predecessor: staging}
        """);
    project = ProjectLoader.load(dir);
  }

  private Deployer deployer(String env, RecordingTarget target) {
    return new Deployer(project, env, target, Clock.systemUTC(), progress::add, "deploy (test)");
  }

  private ProgressiveDeployer progressive(String env, RecordingTarget target) {
    Deployer d = deployer(env, target);
    return new ProgressiveDeployer(
        d, project, env, target, target, target, Clock.systemUTC(), progress::add, "deploy (test)");
  }

  /** A build whose order-manager artifact is {@code om}. */
  private static Release build(String version, String om) {
    return new Release(
        version, "abc", Map.of("order-manager", "sha256:" + om, "risk-engine", "sha256:risk"));
  }

  private static Map<String, String> versionsOf(RecordingTarget.Call call) {
    return call.versions();
  }

  @Test
  void aDeployThatDoesNotBecomeReadyReturnsToThePreviousRevision() {
    RecordingTarget target = new RecordingTarget();
    Deployer d = deployer("staging", target);
    d.deploy(() -> build("1.0.0", "a"), List.of(), T, false);
    target.failWhen(i -> "1.1.0".equals(i.env().get("OASIS_VERSION")));

    assertThatThrownBy(() -> d.deploy(() -> build("1.1.0", "b"), List.of(), T, false))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("deploy of 1.1.0 failed (revision 2)", "order-manager", "probe")
        .extracting(e -> ((OasisException) e).kind())
        .isEqualTo(OasisException.Kind.FAILED);

    assertThat(target.calls).hasSize(3);
    assertThat(versionsOf(target.calls.get(1))).containsEntry("order-manager", "1.1.0");
    assertThat(versionsOf(target.calls.get(2)))
        .as("the environment goes back to revision 1's plan")
        .containsEntry("order-manager", "1.0.0");
    Ledger ledger = d.ledger();
    assertThat(ledger.current()).isEqualTo(1);
    assertThat(ledger.get(2).orElseThrow().state()).isEqualTo(RevisionState.FAILED);
  }

  @Test
  void theFirstDeployThatFailsLeavesTheEnvironmentStopped() {
    RecordingTarget target = new RecordingTarget().failWhen(i -> true);
    Deployer d = deployer("staging", target);
    assertThatThrownBy(() -> d.deploy(() -> build("1.0.0", "a"), List.of(), T, false))
        .hasMessageContaining("failed (revision 1)");
    assertThat(target.downs).isEqualTo(1);
    assertThat(d.ledger().current()).isNull();
  }

  @Test
  void anOperationWhoseCommandDiedIsMarkedFailedAndTheNextOneConverges() {
    RecordingTarget target = new RecordingTarget();
    Deployer d = deployer("staging", target);
    d.deploy(() -> build("1.0.0", "a"), List.of(), T, false);
    // a second deploy of the same artifacts whose command was SIGKILLed while applying
    Ledger ledger = d.ledger();
    Revision interrupted =
        ledger.currentRevision().orElseThrow().withState(RevisionState.PROGRESSING, null, null);
    new LedgerStore(Deployer.envDir(project, "staging"), "staging").save(ledger.begin(interrupted));

    Deployer.Outcome o = d.deploy(() -> build("1.0.0", "a"), List.of(), T, false);

    assertThat(d.ledger().get(2).orElseThrow().state()).isEqualTo(RevisionState.FAILED);
    assertThat(d.ledger().get(2).orElseThrow().reason()).contains("interrupted");
    assertThat(o.changed()).as("same artifacts, but the target may be on the dead plan").isTrue();
    assertThat(target.calls).as("converged again although nothing changed").hasSize(2);
    assertThat(progress).anyMatch(l -> l.contains("was interrupted"));
  }

  @Test
  void theSameArtifactsOnAReadyEnvironmentAreNothingToDo() {
    RecordingTarget target = new RecordingTarget();
    Deployer d = deployer("staging", target);
    d.deploy(() -> build("1.0.0", "a"), List.of(), T, false);
    Deployer.Outcome o = d.deploy(() -> build("1.0.0", "a"), List.of(), T, false);
    assertThat(o.changed()).isFalse();
    assertThat(o.message()).contains("nothing to do");
    assertThat(target.calls).hasSize(1);
    assertThat(d.ledger().revisions()).hasSize(1);
  }

  @Test
  void rollbackConvergesMakeBeforeBreakToTheLastHealthyRevision() {
    RecordingTarget target = new RecordingTarget();
    Deployer d = deployer("staging", target);
    d.deploy(() -> build("1.0.0", "a"), List.of(), T, false);
    d.deploy(() -> build("1.1.0", "b"), List.of(), T, false);
    d.rollback(null, T);
    RecordingTarget.Call last = target.calls.get(target.calls.size() - 1);
    assertThat(last.replace()).as("rollback starts the old beside the new").isTrue();
    assertThat(versionsOf(last)).containsEntry("order-manager", "1.0.0");
    assertThat(target.calls.stream().filter(RecordingTarget.Call::replace)).hasSize(1);
    assertThat(d.ledger().current()).isEqualTo(3);
    assertThat(d.ledger().get(2).orElseThrow().state()).isEqualTo(RevisionState.ROLLED_BACK);
  }

  private List<String> secretFiles() throws Exception {
    Path secrets = Deployer.envDir(project, "staging").resolve("secrets");
    if (!Files.isDirectory(secrets)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(secrets)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> keptRevisions(Ledger ledger) {
    return ledger.revisions().stream().map(r -> r.revision() + ".json").toList();
  }

  @Test
  void noSecretsFileOutlivesItsRevisionOnAnAllAtOnceDeploy() throws Exception {
    RecordingTarget target = new RecordingTarget();
    Deployer d = deployer("staging", target);
    for (int i = 0; i < 5; i++) {
      String om = "v" + i;
      d.deploy(
          () -> build("1.0." + om.substring(1), om),
          List.of("order-manager.API_TOKEN=t" + i),
          T,
          false);
      assertThat(keptRevisions(d.ledger())).containsAll(secretFiles());
    }
    assertThat(secretFiles()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void noSecretsFileOutlivesItsRevisionWhenABlueGreenPromotePrunes() throws Exception {
    RecordingTarget target = new RecordingTarget();
    ProgressiveDeployer pd = progressive("staging", target);
    pd.deploy(() -> build("1.0.0", "a"), List.of(), T, "all-at-once", false, null);
    for (int i = 1; i <= 4; i++) {
      String om = "v" + i;
      Deployer.Outcome o =
          pd.deploy(
              () -> build("1.0." + om.substring(1), om),
              List.of("order-manager.API_TOKEN=t" + i),
              T,
              "blue-green",
              false,
              null);
      assertThat(o.message()).contains("new stable");
      assertThat(keptRevisions(pd.revisions().ledger()))
          .as("after promote %d", i)
          .containsAll(secretFiles());
    }
    assertThat(target.weights).anyMatch(w -> w.startsWith("green=100"));
    assertThat(secretFiles()).isNotEmpty();
  }

  // --- the promotion gate, on every path that puts a version into an environment ---

  private void release(String version, String omDigest) throws Exception {
    new ReleaseManifest(
            1,
            version,
            "v" + version,
            COMMIT,
            "2026-11-29T00:00:00Z",
            null,
            new TreeMap<>(
                Map.of(
                    "order-manager", new ReleaseManifest.Artifact("sha256:" + omDigest, "o.jar"),
                    "risk-engine", new ReleaseManifest.Artifact("sha256:risk", "r.jar"))),
            null,
            List.of(),
            null,
            null)
        .write(dir.resolve("releases/v" + version + ".yaml"));
  }

  private Release released(String version) {
    return new ManifestReleaseCatalog(dir.resolve("releases")).find(version).orElseThrow();
  }

  private static void assertRefused(Runnable r, String... message) {
    assertThatThrownBy(r::run)
        .isInstanceOf(OasisException.class)
        .hasMessageContainingAll(message)
        .extracting(e -> ((OasisException) e).kind())
        .isEqualTo(OasisException.Kind.CONFLICT);
  }

  @Test
  void deployToAnEnvironmentWithAPredecessorTakesOnlyAReleaseThatRanHealthyThere()
      throws Exception {
    release("1.2.0", "a");
    RecordingTarget prod = new RecordingTarget();
    ProgressiveDeployer pd = progressive("production", prod);
    assertRefused(
        () ->
            pd.deploy(() -> build("1.3.0-dev+abc", "x"), List.of(), T, "all-at-once", false, null),
        "not a build of the working tree");
    assertRefused(
        () -> pd.deploy(() -> released("1.2.0"), List.of(), T, "all-at-once", false, null),
        "never deployed there");
    assertThat(prod.calls).isEmpty();

    deployer("staging", new RecordingTarget()).deploy(() -> released("1.2.0"), List.of(), T, false);
    pd.deploy(() -> released("1.2.0"), List.of(), T, "all-at-once", false, null);
    assertThat(prod.calls).hasSize(1);
  }

  @Test
  void aCanaryOrBlueGreenDeployPassesTheGateToo() throws Exception {
    release("1.2.0", "a");
    release("1.3.0", "b");
    deployer("staging", new RecordingTarget()).deploy(() -> released("1.2.0"), List.of(), T, false);
    RecordingTarget prod = new RecordingTarget();
    ProgressiveDeployer pd = progressive("production", prod);
    pd.deploy(() -> released("1.2.0"), List.of(), T, "all-at-once", false, null);
    assertRefused(
        () -> pd.deploy(() -> released("1.3.0"), List.of(), T, "blue-green", false, null),
        "v1.3.0",
        "never deployed there");
    assertThat(prod.calls).hasSize(1);
  }

  @Test
  void rollbackToAVersionPassesTheGate() throws Exception {
    release("1.2.0", "a");
    release("1.1.0", "old");
    deployer("staging", new RecordingTarget()).deploy(() -> released("1.2.0"), List.of(), T, false);
    RecordingTarget prod = new RecordingTarget();
    Deployer d = deployer("production", prod);
    d.deploy(() -> released("1.2.0"), List.of(), T, false);
    assertRefused(() -> d.rollback(() -> released("1.1.0"), T), "v1.1.0", "never deployed there");
    assertThat(prod.calls).hasSize(1);
    assertThat(d.ledger().revisions()).hasSize(1);
  }

  @Test
  @Timeout(30) // without the gate the resumed canary would wait at its pause: fail, never hang
  void aRolloutResumedByOasisRolloutPassesTheGate() throws Exception {
    release("1.2.0", "a");
    release("1.3.0", "b");
    deployer("staging", new RecordingTarget()).deploy(() -> released("1.2.0"), List.of(), T, false);
    RecordingTarget prod = new RecordingTarget();
    ProgressiveDeployer pd = progressive("production", prod);
    pd.deploy(() -> released("1.2.0"), List.of(), T, "all-at-once", false, null);
    // a rollout of 1.3.0 whose deploy command died (as if the gate had been skipped)
    int number =
        pd.revisions()
            .begin(
                new Revision(
                    0,
                    "1.3.0",
                    COMMIT,
                    "canary",
                    RevisionState.PENDING,
                    Instant.now(),
                    null,
                    released("1.3.0").artifacts(),
                    null,
                    null,
                    null,
                    1L,
                    null),
                Map.of());
    new RolloutStore(Deployer.envDir(project, "production"))
        .save(
            RolloutState.start(
                    number,
                    "1.3.0",
                    "canary",
                    "canary",
                    List.of("order-manager"),
                    Strategies.steps(
                        project.environment("production").getValue().rollout(), "canary"),
                    1L,
                    Instant.now())
                .ready(Instant.now()));
    int before = prod.calls.size();

    for (Control c : List.of(Control.RESUME, Control.PROMOTE, Control.PROMOTE_FULL)) {
      assertRefused(() -> pd.rollouts().request(c, T), "v1.3.0", "never deployed there");
    }
    assertThat(prod.calls).hasSize(before);
    assertThat(prod.weights).isEmpty();
  }
}
