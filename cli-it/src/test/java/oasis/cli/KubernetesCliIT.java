package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import oasis.artifact.image.LocalRegistry;
import oasis.runtime.docker.DockerAvailable;
import oasis.runtime.kubernetes.QuietMockServer;
import oasis.runtime.kubernetes.TestKubelet;
import oasis.testing.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code oasis} as a process against fabric8's mock API server (CRUD mode, in this
 * JVM, reached through a kubeconfig) with {@link TestKubelet} as the cluster's controllers: deploy,
 * a second deploy that changes nothing, a never-ready build that returns to the previous revision,
 * and the Lease between two processes, one of them SIGKILLed mid-deploy.
 */
class KubernetesCliIT {

  static final String NS = "oasis-it";
  static final int LEASE_SECONDS = 3;

  /** SIGKILL trials; each builds, deploys and waits out the Lease's TTL (about 15 s). */
  static final int TRIALS = Integer.getInteger("oasis.it.leaseTrials", 5);

  static {
    QuietMockServer.quiet();
  }

  @TempDir Path tmp;
  KubernetesMockServer server;
  KubernetesClient client;
  TestKubelet kubelet;
  TestProject project;
  LocalRegistry registry;

  @BeforeEach
  void start() throws Exception {
    DockerAvailable.assume(); // deploy builds the images and pushes them to a real registry
    registry = LocalRegistry.start(tmp.resolve("registry"));
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    client = server.createClient();
    kubelet = new TestKubelet(client, NS);
    project = new TestProject(java.nio.file.Files.createDirectories(tmp.resolve("project")));
    TestProject.copyTree(
        TestProject.REPO.resolve("templates/docker"), project.dir.resolve("templates/docker"));
    int base = TestProject.freePortBlock();
    project.write(
        "oasis.yaml",
        """
        project: it
        defaultEnvironment: staging
        components:
          risk-engine:
            module: services/alpha
            mainClass: oasis.testservice.TestServiceMain
            ports: {metrics: %d, grpc: %d}
          order-manager:
            module: services/beta
            mainClass: oasis.testservice.TestServiceMain
            ports: {metrics: %d, grpc: %d}
            dependsOn: [risk-engine]
        environments:
          staging:
            target: local
            historyLimit: 50
          production:
            target: kubernetes
            namespace: %s
            historyLimit: 20
            kubernetes:
              registry: %s/it
              leaseSeconds: %d
            rollout: {strategy: all-at-once}
        """
            .formatted(base, base + 1, base + 2, base + 3, NS, registry.address(), LEASE_SECONDS));
    String url = client.getMasterUrl().toString().replaceAll("/$", "");
    project.write(
        "kubeconfig",
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s"}
        contexts:
        - name: mock
          context: {cluster: mock, user: it, namespace: %s}
        current-context: mock
        users:
        - name: it
          user: {token: it-token}
        """
            .formatted(url, NS));
    project.write(".gitignore", ".oasis/\ntarget/\nkubeconfig\n");
    project.commit("kubernetes production");
    project.extraEnv.put("KUBECONFIG", project.dir.resolve("kubeconfig").toString());
  }

  @AfterEach
  void stop() throws Exception {
    if (registry == null) {
      return; // no Docker engine: skipped before anything started
    }
    registry.close();
    kubelet.close();
    client.close();
    server.destroy();
  }

  CliResult deploy() throws Exception {
    return project.run("deploy", "--env", "production", "--timeout", "60s");
  }

  @Test
  void deployRedeployAndANeverReadyBuildThroughThePackagedCli() throws Exception {
    CliResult first = deploy();
    assertThat(first.code()).as("%s%s", first.out(), first.err()).isZero();
    for (String c : List.of("risk-engine", "order-manager")) {
      assertThat(client.apps().deployments().inNamespace(NS).withName(c).get()).as(c).isNotNull();
      assertThat(client.services().inNamespace(NS).withName(c).get()).as(c).isNotNull();
      assertThat(client.configMaps().inNamespace(NS).withName(c + "-env").get()).as(c).isNotNull();
      assertThat(client.serviceAccounts().inNamespace(NS).withName(c).get()).as(c).isNotNull();
    }
    assertThat(client.network().v1().networkPolicies().inNamespace(NS).list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .contains("oasis-default-deny", "risk-engine", "order-manager");
    assertThat(lease().getSpec().getHolderIdentity()).as("released").isNull();
    String good = image("order-manager");
    for (String c : List.of("risk-engine", "order-manager")) {
      String ref = image(c);
      assertThat(ref)
          .as("built and pushed on first use")
          .startsWith(registry.address() + "/it/" + c + "@sha256:");
      String digest = ref.substring(ref.indexOf('@') + 1);
      assertThat(registry.manifestDigest("it/" + c, digest)).as(ref).isEqualTo(digest);
    }
    assertThat(first.err()).contains("pushed " + good);

    // the same build again: not one object written
    Map<String, String> before = versions();
    CliResult again = deploy();
    assertThat(again.code()).as("%s%s", again.out(), again.err()).isZero();
    assertThat(versions()).isEqualTo(before);

    // a build whose order-manager never becomes ready: back on revision 1, exit 1 naming it
    project.write("services/beta/src/main/resources/behaviour.properties", "ready=true\nv=2\n");
    project.commit("order-manager 2");
    kubelet.failImages(i -> i.contains("/order-manager@") && !i.equals(good));
    CliResult bad = deploy();
    assertThat(bad.code()).as("%s%s", bad.out(), bad.err()).isEqualTo(1);
    assertThat(bad.err()).contains("order-manager").contains("Progressing=False");
    assertThat(bad.err()).contains("revision 1");
    assertThat(image("order-manager")).isEqualTo(good);
    CliResult history = project.run("--output", "json", "history", "--env", "production");
    assertThat(history.code()).as(history.err()).isZero();
    assertThat(history.json().toString()).contains("\"failed\"").contains("\"healthy\"");
  }

  @Test
  void aSecondProcessExitsThreeAndAKilledHolderNeverWedgesTheEnvironment() throws Exception {
    CliResult first = deploy();
    assertThat(first.code()).as("%s%s", first.out(), first.err()).isZero();
    List<Long> waits = new ArrayList<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      project.write(
          "services/beta/src/main/resources/behaviour.properties",
          "ready=true\ntrial=" + trial + "\n");
      project.commit("trial " + trial);
      kubelet.hold(true); // the holder's new order-manager stays "starting"
      String before = image("order-manager");
      Process holder = project.start("deploy", "--env", "production", "--timeout", "120s");
      try {
        long pid = awaitHolder(holder, before);
        CliResult second = project.run("rollback", "--env", "production");
        assertThat(second.code()).as("trial %d: %s", trial, second.err()).isEqualTo(3);
        assertThat(second.err()).contains("pid " + pid);
        holder.destroyForcibly(); // SIGKILL mid-deploy: the Lease is neither released nor renewed
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Instant killed = Instant.now();
        kubelet.hold(false);
        // the next command, with no manual step: it waits out the TTL by retrying as a user would
        CliResult next;
        while (true) {
          next = deploy();
          if (next.code() != 3) {
            break;
          }
          assertThat(Duration.between(killed, Instant.now()))
              .as(
                  "trial %d: still busy long after the %d s TTL: %s",
                  trial, LEASE_SECONDS, next.err())
              .isLessThan(Duration.ofSeconds(LEASE_SECONDS + 20));
        }
        assertThat(next.code()).as("trial %d: %s%s", trial, next.out(), next.err()).isZero();
        waits.add(Duration.between(killed, Instant.now()).toMillis());
      } finally {
        holder.destroyForcibly();
        kubelet.hold(false);
      }
    }
    System.out.println(
        "KubernetesCliIT: " + TRIALS + " SIGKILL trials, kill to next deploy done (ms): " + waits);
  }

  /** Waits until the holder's pid holds the Lease and its deploy is waiting on the cluster. */
  long awaitHolder(Process holder, String before) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String prefix = "pid " + holder.pid() + " on ";
    while (true) {
      Lease l = lease();
      String who = l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
      boolean waiting = !before.equals(image("order-manager"));
      if (who != null && who.startsWith(prefix) && waiting) {
        return holder.pid();
      }
      assertThat(holder.isAlive()).as("the holder runs (Lease: %s)", who).isTrue();
      assertThat(System.nanoTime()).as("the holder took the Lease in time").isLessThan(deadline);
      oasis.core.Durations.pause(50);
    }
  }

  Lease lease() {
    return client.leases().inNamespace(NS).withName("oasis-lock-production").get();
  }

  String image(String name) {
    return client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(name)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  /** Kind/name to resource version of every object oasis manages in the namespace. */
  Map<String, String> versions() {
    Map<String, String> out = new TreeMap<>();
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.apps().deployments().inNamespace(NS).list().getItems());
    all.addAll(client.services().inNamespace(NS).list().getItems());
    all.addAll(client.configMaps().inNamespace(NS).list().getItems());
    all.addAll(client.serviceAccounts().inNamespace(NS).list().getItems());
    all.addAll(client.network().v1().networkPolicies().inNamespace(NS).list().getItems());
    all.forEach(
        o ->
            out.put(
                o.getKind() + "/" + o.getMetadata().getName(),
                o.getMetadata().getResourceVersion()));
    return out;
  }
}
