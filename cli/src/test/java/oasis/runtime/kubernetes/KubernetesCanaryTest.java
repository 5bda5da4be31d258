package oasis.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oasis.config.Project;
import oasis.config.ProjectLoader;
import oasis.core.OasisException;
import oasis.deploy.Deployer;
import oasis.deploy.ProgressiveDeployer;
import oasis.deploy.Release;
import oasis.deploy.rollout.Control;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production's canary (its declared steps, analysis through Prometheus) against fabric8's mock API
 * server with {@link TestKubelet}, and a Prometheus HTTP API on loopback whose counters grow with
 * every query: an error rate for the (job, track) pairs the test makes fail.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesCanaryTest {

  static final String NS = "oasis-prod";
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final List<String> COMPONENTS =
      List.of(
          "coinbase-connector",
          "data-normalizer",
          "strategy-framework",
          "risk-engine",
          "order-manager");

  static {
    QuietMockServer.quiet();
  }

  KubernetesClient client;
  @TempDir Path dir;
  TestKubelet kubelet;
  HttpServer prometheus;
  final List<String> progress = new CopyOnWriteArrayList<>();
  final FakeRegistry registry = new FakeRegistry();
  final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  volatile BiPredicate<String, String> failing = (job, track) -> false;

  @BeforeEach
  void start() throws Exception {
    kubelet = new TestKubelet(client, NS);
    prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    prometheus.createContext(
        "/api/v1/query",
        ex -> {
          String q =
              URLDecoder.decode(
                  ex.getRequestURI().getRawQuery().substring("query=".length()),
                  StandardCharsets.UTF_8);
          byte[] body = answer(q).getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    prometheus.start();
  }

  @AfterEach
  void stop() {
    prometheus.stop(0);
    kubelet.close();
  }

  /**
   * Cumulative counters of one (job, track): 400 more calls at every read, all fast; 30% of them
   * errors where {@link #failing} says so.
   */
  String answer(String query) {
    String job = label(query, "job");
    String track = label(query, "track");
    long n = calls.computeIfAbsent(job + "/" + track, k -> new AtomicLong()).addAndGet(400);
    long errors = failing.test(job, track) ? n * 3 / 10 : 0;
    String labels = "\"method\":\"oasis.Orders/Execute\",\"track\":\"" + track + "\"";
    StringBuilder out = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":");
    out.append("\"vector\",\"result\":[");
    out.append(series("grpc_server_handling_seconds_count", labels, n)).append(',');
    out.append(series("grpc_server_errors_total", labels, errors));
    for (String le : List.of("0.005", "0.05", "0.1", "0.25", "0.5", "+Inf")) {
      out.append(',')
          .append(
              series(
                  "grpc_server_handling_seconds_bucket",
                  labels + ",\"le\":\"" + le + "\"",
                  "0.005".equals(le) ? n / 2 : n));
    }
    return out.append("]}}").toString();
  }

  static String series(String name, String labels, long value) {
    return "{\"metric\":{\"__name__\":\""
        + name
        + "\","
        + labels
        + "},\"value\":[1700000000,\""
        + value
        + "\"]}";
  }

  static String label(String query, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(query);
    return m.find() ? m.group(1) : "";
  }

  /** This repository's production, its analysis read every second from the loopback Prometheus. */
  Project project() throws Exception {
    Path a = dir.resolve("a");
    MockProject.checkout(a);
    String yaml = Files.readString(a.resolve("oasis.yaml"));
    String production = yaml.substring(yaml.indexOf("  production:"));
    String fast =
        production
            .replace("interval: 30s\n        count: 4", "interval: 1s\n        count: 5")
            .replace("analysis: {count: 6}", "analysis: {count: 5}")
            .replace(
                "http://prometheus.oasis-prod.svc:9090",
                "http://127.0.0.1:" + prometheus.getAddress().getPort());
    assertThat(fast)
        .as("the test's copy of production reads the fake Prometheus")
        .isNotEqualTo(production);
    Files.writeString(a.resolve("oasis.yaml"), yaml.replace(production, fast));
    return ProjectLoader.load(a);
  }

  ProgressiveDeployer deployer(Project project) {
    KubernetesTarget target =
        new KubernetesTarget(
            "production", project.config(), client, Clock.systemUTC(), registry, progress::add);
    Deployer d =
        new Deployer(
            project,
            "production",
            target,
            Clock.systemUTC(),
            progress::add,
            "deploy --env production");
    var tracks = target.tracks().orElseThrow();
    return new ProgressiveDeployer(
        d,
        project,
        "production",
        target,
        tracks,
        tracks,
        Clock.systemUTC(),
        progress::add,
        "deploy --env production");
  }

  Deployer.Outcome canary(Project project, Release release) {
    ProgressiveDeployer pd = deployer(project);
    return pd.deploy(() -> release, List.of(), TIMEOUT, pd.strategy(null), false, null);
  }

  @Test
  void aHealthyCanaryWalksEveryStepToPromotion() throws Exception {
    Project project = project();
    canary(project, MockProject.release(project, "1.0.0")); // the first: all-at-once
    String stableImage = image("order-manager");

    CompletableFuture<Deployer.Outcome> run =
        CompletableFuture.supplyAsync(() -> canary(project, MockProject.release(project, "1.1.0")));
    // production holds at 'pause: untilPromoted' after 10% and its analysis
    ProgressiveDeployer pd = deployer(project);
    awaitPaused(pd, run);
    assertThat(deployment("order-manager-canary").getMetadata().getLabels())
        .containsEntry("oasis.dev/track", "canary");
    assertThat(deployment("order-manager-canary").getSpec().getReplicas()).isEqualTo(1);
    assertThat(selector("order-manager"))
        .as("at 10%% the one Service selects both tracks' pods")
        .doesNotContainKey("oasis.dev/track");
    assertThat(image("order-manager")).isEqualTo(stableImage);
    pd.rollouts().request(Control.PROMOTE, TIMEOUT);

    Deployer.Outcome done = run.get(120, TimeUnit.SECONDS);
    assertThat(done.revision()).isEqualTo(2);
    assertThat(done.message()).contains("the new stable");
    assertThat(progress)
        .as("%s", progress)
        .anyMatch(l -> l.contains("weight of the canary track: 10%"))
        .anyMatch(l -> l.contains("weight of the canary track: 50%"))
        .anyMatch(l -> l.contains("weight of the canary track: 100%"))
        .anyMatch(l -> l.contains("order-manager: 1 canary pod(s) beside 1 stable: 50%"))
        .anyMatch(l -> l.contains("risk-engine: 2 canary pod(s) beside 2 stable: 100%"));
    assertThat(progress.stream().filter(l -> l.contains("analysis pass")).count())
        .as("three analyses passed: %s", progress)
        .isGreaterThanOrEqualTo(3);
    // promoted: stable took the canary's spec, the canary is gone, the Service selects stable
    String promoted = MockProject.release(project, "1.1.0").artifacts().get("order-manager");
    assertThat(image("order-manager"))
        .isEqualTo(FakeRegistry.ref(KustomizeExportTest.REGISTRY, "order-manager", promoted));
    COMPONENTS.forEach(c -> assertThat(deployment(c + "-canary")).as(c).isNull());
    assertThat(selector("order-manager")).containsEntry("oasis.dev/track", "stable");
    assertThat(client.services().inNamespace(NS).withName("order-manager-canary").get()).isNull();
    assertThat(ledger(project).current()).isEqualTo(2);
  }

  @Test
  void aCanaryWhoseErrorRateFailsTheAnalysisIsAbortedWithStableRestored() throws Exception {
    Project project = project();
    canary(project, MockProject.release(project, "1.0.0"));
    Map<String, String> stable = images();
    String stableVersion = deployment("order-manager").getMetadata().getResourceVersion();
    failing = (job, track) -> "order-manager".equals(job) && "canary".equals(track);

    assertThatThrownBy(() -> canary(project, MockProject.release(project, "1.1.0")))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("aborted")
        .satisfies(
            e -> assertThat(((OasisException) e).kind()).isEqualTo(OasisException.Kind.FAILED));

    assertThat(progress).as("%s", progress).anyMatch(l -> l.contains("analysis fail"));
    assertThat(progress).noneMatch(l -> l.contains("weight of the canary track: 50%"));
    COMPONENTS.forEach(c -> assertThat(deployment(c + "-canary")).as(c).isNull());
    assertThat(images()).as("stable untouched").isEqualTo(stable);
    assertThat(deployment("order-manager").getMetadata().getResourceVersion())
        .isEqualTo(stableVersion);
    assertThat(selector("order-manager")).containsEntry("oasis.dev/track", "stable");
    assertThat(ReplicaSplit.read(client, NS, "production")).isEmpty();
    var ledger = ledger(project);
    assertThat(ledger.current()).isEqualTo(1);
    assertThat(ledger.get(2).orElseThrow().state().name()).isEqualTo("FAILED");
  }

  oasis.state.Ledger ledger(Project project) {
    return new Deployer(
            project,
            "production",
            new KubernetesTarget(
                "production", project.config(), client, Clock.systemUTC(), registry),
            Clock.systemUTC(),
            s -> {},
            "history")
        .ledger();
  }

  void awaitPaused(ProgressiveDeployer pd, CompletableFuture<?> run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!"paused".equals(pd.rollouts().status().state())) {
      if (run.isDone()) {
        run.get(); // its failure, if it failed
        throw new AssertionError("the rollout ended before its pause: " + progress);
      }
      assertThat(System.nanoTime()).as("paused within 60 s: %s", progress).isLessThan(deadline);
      oasis.core.Durations.pause(100);
    }
  }

  Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  Map<String, String> selector(String service) {
    return client.services().inNamespace(NS).withName(service).get().getSpec().getSelector();
  }

  String image(String name) {
    return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  Map<String, String> images() {
    Map<String, String> out = new java.util.TreeMap<>();
    COMPONENTS.forEach(c -> out.put(c, image(c)));
    return out;
  }
}
