package oasis.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import oasis.config.Project;
import oasis.core.OasisException;
import oasis.deploy.Deployer;
import oasis.state.Ledger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy --env production} through the deploy engine against fabric8's mock API server (CRUD
 * mode) with {@link TestKubelet} playing the cluster's controllers.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesDeployTest {

  static final String NS = "oasis-prod";
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static {
    QuietMockServer.quiet();
  }

  KubernetesClient client;
  @TempDir Path dir;
  TestKubelet kubelet;
  final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void kubelet() {
    kubelet = new TestKubelet(client, NS);
  }

  @AfterEach
  void stop() {
    kubelet.close();
  }

  /** Each checkout's own record of what it pushed. */
  final Map<Path, FakeRegistry> registries = new java.util.concurrent.ConcurrentHashMap<>();

  FakeRegistry registry(Project project) {
    return registries.computeIfAbsent(project.dir(), d -> new FakeRegistry());
  }

  KubernetesTarget target(Project project) {
    return new KubernetesTarget(
        "production", project.config(), client, Clock.systemUTC(), registry(project));
  }

  Deployer deployer(Project project) {
    KubernetesTarget target = target(project);
    return new Deployer(
        project, "production", target, Clock.systemUTC(), progress::add, "deploy --env production");
  }

  @Test
  void deployCreatesEveryObjectWithTheListedProperties() throws Exception {
    Project project = MockProject.checkout(dir.resolve("a"));
    var outcome =
        deployer(project)
            .deploy(() -> MockProject.release(project, "1.0.0"), List.of(), TIMEOUT, false);
    assertThat(outcome.revision()).isEqualTo(1);

    Deployment om = client.apps().deployments().inNamespace(NS).withName("order-manager").get();
    var spec = om.getSpec();
    assertThat(spec.getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(spec.getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    var pod = spec.getTemplate().getSpec();
    var c = pod.getContainers().get(0);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getStartupProbe()).isNotNull();
    assertThat(c.getResources().getLimits()).containsKeys("memory", "cpu");
    assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getServiceAccountName()).isEqualTo("order-manager");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(
            client
                .serviceAccounts()
                .inNamespace(NS)
                .withName("order-manager")
                .get()
                .getAutomountServiceAccountToken())
        .isFalse();
    assertThat(om.getMetadata().getLabels())
        .containsEntry("oasis.dev/env", "production")
        .containsEntry("oasis.dev/component", "order-manager")
        .containsEntry("oasis.dev/track", "stable")
        .containsEntry("oasis.dev/revision", "1")
        .containsEntry("app.kubernetes.io/name", "order-manager")
        .containsEntry("app.kubernetes.io/managed-by", "oasis");
    assertThat(c.getImage())
        .as("pushed to the environment's registry on first use, named by digest")
        .startsWith("registry.oasis.example.com/oasis/order-manager@sha256:")
        .isIn(registry(project).pushes);

    // Services, ConfigMaps with the non-secret variables, secrets only as references
    assertThat(client.services().inNamespace(NS).withName("risk-engine").get().getSpec().getPorts())
        .extracting(p -> p.getName())
        .containsExactlyInAnyOrder("grpc", "metrics");
    var cm = client.configMaps().inNamespace(NS).withName("coinbase-connector-env").get().getData();
    assertThat(cm).containsEntry("KAFKA_BROKERS", "kafka-kafka-bootstrap:9093");
    assertThat(cm).doesNotContainKeys("COINBASE_API_SECRET", "COINBASE_API_KEY");
    var cc =
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName("coinbase-connector")
            .get()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    Map<String, String> refs = new HashMap<>();
    cc.getEnv().stream()
        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
        .forEach(
            e ->
                refs.put(
                    e.getName(),
                    e.getValueFrom().getSecretKeyRef().getName()
                        + "#"
                        + e.getValueFrom().getSecretKeyRef().getKey()));
    assertThat(refs)
        .containsEntry("COINBASE_API_SECRET", "oasis-secrets#COINBASE_API_SECRET")
        .containsEntry("COINBASE_API_KEY", "coinbase#api-key");
    assertThat(cc.getEnv())
        .allMatch(e -> e.getValue() == null || !e.getValue().contains(MockProject.SECRET));

    // Autoscaling, disruption budgets, ingress, policies, Strimzi
    assertThat(
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).list().getItems())
        .extracting(h -> h.getMetadata().getName())
        .containsExactlyInAnyOrder("data-normalizer", "strategy-framework", "risk-engine");
    var hpa =
        client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace(NS)
            .withName("risk-engine")
            .get();
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(70);
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(NS).list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("data-normalizer", "strategy-framework", "risk-engine");
    var ingress = client.network().v1().ingresses().inNamespace(NS).withName("order-manager").get();
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("oasis-orders-tls");
    assertThat(ingress.getSpec().getTls().get(0).getHosts())
        .containsExactly("orders.oasis.example.com");
    assertThat(
            client
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(NS)
                .withName("oasis-default-deny")
                .get()
                .getSpec()
                .getPolicyTypes())
        .containsExactly("Ingress", "Egress");
    assertThat(generic("KafkaTopic")).hasSize(5);
    assertThat(generic("KafkaUser"))
        .extracting(r -> r.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "coinbase-connector",
            "data-normalizer",
            "strategy-framework",
            "risk-engine",
            "order-manager");
    assertThat(generic("Kafka")).hasSize(1);
    assertThat(client.apps().statefulSets().inNamespace(NS).withName("redis").get()).isNotNull();

    // The ledger in the namespace; the lock released
    List<Secret> ledger =
        client
            .secrets()
            .inNamespace(NS)
            .withLabel(ClusterLedger.LEDGER, "production")
            .list()
            .getItems();
    assertThat(ledger)
        .extracting(Secret::getType)
        .contains(ClusterLedger.REVISION_TYPE, ClusterLedger.INDEX_TYPE);
    Lease lease = client.leases().inNamespace(NS).withName("oasis-lock-production").get();
    assertThat(lease.getSpec().getHolderIdentity()).isNull();
  }

  @Test
  void aSecondDeployOfTheSameBuildChangesNothing() throws Exception {
    Project project = MockProject.checkout(dir.resolve("a"));
    var release = MockProject.release(project, "1.0.0");
    deployer(project).deploy(() -> release, List.of(), TIMEOUT, false);
    Map<String, String> before = versions();
    var again = deployer(project).deploy(() -> release, List.of(), TIMEOUT, false);
    assertThat(again.changed()).isFalse();
    // Applying the same plan on the target touches no object either.
    KubernetesTarget target = target(project);
    var plan = deployer(project).currentPlan().orElseThrow();
    progress.clear();
    assertThat(target.apply(plan, TIMEOUT, progress::add).ready()).isTrue();
    assertThat(progress).contains("  no object changed in namespace oasis-prod");
    assertThat(versions()).isEqualTo(before);
  }

  @Test
  void dryRunPrintsAPerObjectDiffAndChangesNothing() throws Exception {
    Project project = MockProject.checkout(dir.resolve("a"));
    var first =
        deployer(project)
            .deploy(() -> MockProject.release(project, "1.0.0"), List.of(), TIMEOUT, true);
    assertThat(first.message()).contains("+ create Deployment/order-manager");
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();

    deployer(project)
        .deploy(() -> MockProject.release(project, "1.0.0"), List.of(), TIMEOUT, false);
    Map<String, String> before = versions();
    var same =
        deployer(project)
            .deploy(() -> MockProject.release(project, "1.0.0"), List.of(), TIMEOUT, true);
    assertThat(same.message()).contains("no object would change");

    var next = MockProject.release(project, "1.1.0");
    var diff = deployer(project).deploy(() -> next, List.of(), TIMEOUT, true);
    assertThat(diff.message())
        .contains("~ update Deployment/order-manager")
        .contains("spec.template.spec.containers[0].image: ")
        .as("an image deploy has yet to push shows as the repository it goes to")
        .contains(KustomizeExportTest.REGISTRY + "/order-manager@(pushed by deploy)")
        .doesNotContain("+ create")
        .doesNotContain(MockProject.SECRET)
        .endsWith("dry run: nothing changed");
    assertThat(diff.message().lines())
        .as("every listed field differs")
        .noneMatch(l -> l.matches("\\s+\\S+: (.*) -> \\1"));
    assertThat(versions()).as("nothing written").isEqualTo(before);
    assertThat(deployer(project).ledger().revisions()).hasSize(1);
  }

  @Test
  void aNeverReadyOrderManagerReturnsToThePreviousRevision() throws Exception {
    Project project = MockProject.checkout(dir.resolve("a"));
    deployer(project)
        .deploy(() -> MockProject.release(project, "1.0.0"), List.of(), TIMEOUT, false);
    String good = image("order-manager");
    var bad = MockProject.release(project, "1.1.0");
    String badImage =
        FakeRegistry.ref(
            KustomizeExportTest.REGISTRY, "order-manager", bad.artifacts().get("order-manager"));
    kubelet.failImages(image -> image.equals(badImage));
    assertThatThrownBy(() -> deployer(project).deploy(() -> bad, List.of(), TIMEOUT, false))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("order-manager")
        .hasMessageContaining("Progressing=False")
        .satisfies(e -> assertThat(((OasisException) e).hint()).contains("back on revision 1"));
    assertThat(image("order-manager")).isEqualTo(good);
    Ledger ledger = deployer(project).ledger();
    assertThat(ledger.current()).isEqualTo(1);
    assertThat(ledger.get(2).orElseThrow().state().name()).isEqualTo("FAILED");
  }

  @Test
  void rollbackFromASecondCheckoutRestoresThePreviousRevisionFromTheCluster() throws Exception {
    Project first = MockProject.checkout(dir.resolve("a"));
    deployer(first).deploy(() -> MockProject.release(first, "1.0.0"), List.of(), TIMEOUT, false);
    String v1 = image("risk-engine");
    deployer(first).deploy(() -> MockProject.release(first, "1.1.0"), List.of(), TIMEOUT, false);
    assertThat(image("risk-engine")).isNotEqualTo(v1);

    Project second = MockProject.checkout(dir.resolve("b")); // no .oasis state at all
    var outcome = deployer(second).rollback(null, TIMEOUT);
    assertThat(outcome.revision()).isEqualTo(3);
    assertThat(outcome.version()).isEqualTo("1.0.0");
    assertThat(image("risk-engine")).isEqualTo(v1);
    assertThat(registry(second).pushes)
        .as("the images of revision 1 come from the cluster's record, not from a push")
        .isEmpty();
    assertThat(deployer(first).ledger().current()).isEqualTo(3);
  }

  @Test
  void theHistoryInTheClusterIsBoundedByHistoryLimit() throws Exception {
    Path a = dir.resolve("a");
    MockProject.checkout(a);
    java.nio.file.Files.writeString(
        a.resolve("oasis.yaml"),
        java.nio.file.Files.readString(a.resolve("oasis.yaml"))
            .replace(
                "    namespace: oasis-prod\n", "    namespace: oasis-prod\n    historyLimit: 2\n"));
    Project project = oasis.config.ProjectLoader.load(a);
    for (String v : List.of("1.0.0", "1.0.1", "1.0.2", "1.0.3")) {
      deployer(project).deploy(() -> MockProject.release(project, v), List.of(), TIMEOUT, false);
    }
    Ledger ledger = deployer(project).ledger();
    assertThat(ledger.revisions()).hasSizeLessThanOrEqualTo(2);
    assertThat(ledger.currentRevision().orElseThrow().version()).isEqualTo("1.0.3");
    var images =
        client.configMaps().inNamespace(NS).withName("oasis.production.images").get().getData();
    ledger
        .currentRevision()
        .orElseThrow()
        .components()
        .forEach((c, artifact) -> assertThat(images).containsKey(Scope.imageKey(c, artifact)));
    MockProject.release(project, "1.0.0")
        .artifacts()
        .forEach(
            (c, artifact) ->
                assertThat(images)
                    .as("no revision holds 1.0.0 any more: its images are dropped from the record")
                    .doesNotContainKey(Scope.imageKey(c, artifact)));
    assertThat(
            client
                .secrets()
                .inNamespace(NS)
                .withLabel(ClusterLedger.LEDGER, "production")
                .list()
                .getItems()
                .stream()
                .filter(s -> ClusterLedger.REVISION_TYPE.equals(s.getType()))
                .map(s -> s.getMetadata().getName())
                .toList())
        .containsExactlyInAnyOrderElementsOf(
            ledger.revisions().stream().map(r -> "oasis.production.v" + r.revision()).toList());
  }

  @Test
  void statusTellsARevisionAnotherMachineAppliesFromOneWhoseCommandDied() throws Exception {
    Project project = MockProject.checkout(dir.resolve("a"));
    deployer(project)
        .deploy(() -> MockProject.release(project, "1.0.0"), List.of(), TIMEOUT, false);
    // another machine's deploy: a revision begun in the cluster's ledger, under its Lease
    KubernetesTarget elsewhere = target(project);
    var store = elsewhere.ledgers();
    store.save(
        store
            .load()
            .begin(
                new oasis.state.Revision(
                    0,
                    "1.0.1",
                    "abc1234",
                    "all-at-once",
                    oasis.state.RevisionState.PROGRESSING,
                    java.time.Instant.now(),
                    null,
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    null,
                    null)));
    try (var lease =
        LeaseLock.acquire(
            client, NS, "production", "deploy --env production", Clock.systemUTC(), 30, s -> {})) {
      var status = deployer(project).status();
      assertThat(status.state()).as("%s", status.notes()).isEqualTo("progressing");
      assertThat(status.notes()).anyMatch(n -> n.contains("is being applied by"));
    }
    assertThat(deployer(project).status().state())
        .as("the Lease released with the revision still in flight: its command died")
        .isEqualTo("interrupted");
  }

  @Test
  void statusHistoryAndDownGoThroughTheApi() throws Exception {
    Project project = MockProject.checkout(dir.resolve("a"));
    deployer(project)
        .deploy(() -> MockProject.release(project, "1.0.0"), List.of(), TIMEOUT, false);
    var status = deployer(project).status();
    assertThat(status.state()).isEqualTo("healthy");
    assertThat(status.components()).hasSize(5).allMatch(c -> c.ready());
    assertThat(status.components())
        .filteredOn(c -> c.name().equals("order-manager"))
        .singleElement()
        .as("endpoints as every target names them (CLI.md): metrics as a URL, gRPC as host:port")
        .satisfies(
            c ->
                assertThat(c.endpoints())
                    .containsEntry("metrics", "http://order-manager." + NS + ".svc:9094/metrics")
                    .containsEntry("grpc", "order-manager." + NS + ".svc:50052"));
    assertThat(deployer(project).ledger().revisions()).hasSize(1);

    deployer(project).down();
    assertThat(new Applier(client, NS).managed("production")).isEmpty();
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
    // The history stays in the namespace: a later deploy or rollback reads it from there.
    assertThat(deployer(project).ledger().revisions()).hasSize(1);
    assertThat(deployer(project).ledger().current()).isNull();
  }

  List<GenericKubernetesResource> generic(String kind) {
    return client
        .genericKubernetesResources(Applier.context(kind))
        .inNamespace(NS)
        .list()
        .getItems();
  }

  String image(String deployment) {
    return client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(deployment)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  Map<String, String> versions() {
    Map<String, String> out = new HashMap<>();
    List<HasMetadata> all = new ArrayList<>(new Applier(client, NS).managed("production"));
    all.forEach(o -> out.put(Applier.key(o), o.getMetadata().getResourceVersion()));
    return out;
  }
}
