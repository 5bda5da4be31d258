package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import oasis.config.EnvironmentConfig;
import oasis.config.ProjectConfig;
import oasis.core.OasisException;
import oasis.runtime.ApplyResult;
import oasis.runtime.Endpoints;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Plan;
import oasis.runtime.PlanPreview;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RegistryImages;
import oasis.runtime.RuntimeContract;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;
import oasis.runtime.Tracks;
import oasis.state.EnvironmentLock;
import oasis.state.EnvironmentState;
import oasis.state.LedgerStore;
import oasis.state.Revision;

/**
 * An environment on a Kubernetes cluster: each component a Deployment with its Service, ConfigMap,
 * ServiceAccount and policies ({@link Manifests}), Kafka through Strimzi and Redis as a
 * StatefulSet; the ledger and the lock live in the namespace ({@link ClusterLedger}, {@link
 * LeaseLock}).
 */
public final class KubernetesTarget implements Target, EnvironmentState, PlanPreview {

  private final Scope scope;
  private final KubernetesClient client;
  private final Clock clock;
  private final ClusterLedger ledger;
  private final Applier applier;
  private final Consumer<String> notices;
  private final RegistryImages images;
  private final ClusterImages clusterImages;

  public KubernetesTarget(
      String env,
      ProjectConfig config,
      KubernetesClient client,
      Clock clock,
      RegistryImages images) {
    this(env, config, client, clock, images, System.err::println);
  }

  /**
   * @param images where the service images come from: pushed to the environment's registry
   * @param notices what a traffic step did, which no verb's progress carries
   */
  public KubernetesTarget(
      String env,
      ProjectConfig config,
      KubernetesClient client,
      Clock clock,
      RegistryImages images,
      Consumer<String> notices) {
    this.notices = notices;
    this.images = images;
    this.scope = new Scope(env, config, config.environments().get(env));
    this.client = client;
    this.clock = clock;
    this.ledger = new ClusterLedger(client, scope.namespace(), env);
    this.applier = new Applier(client, scope.namespace());
    this.clusterImages = new ClusterImages(client, scope.namespace(), env);
  }

  /**
   * The target of {@code env} on the cluster of its kubeconfig context (the current one if none).
   */
  public static KubernetesTarget of(String env, ProjectConfig config, RegistryImages images) {
    EnvironmentConfig e = config.environments().get(env);
    String context = e.kubernetes().context();
    Config k8s = Config.autoConfigure(context);
    k8s.setNamespace(e.namespace());
    // An unreachable cluster fails in seconds, not after fabric8's ten retries.
    k8s.setRequestRetryBackoffLimit(1);
    k8s.setConnectionTimeout(5_000);
    return new KubernetesTarget(
        env,
        config,
        new KubernetesClientBuilder().withConfig(k8s).build(),
        Clock.systemUTC(),
        images);
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public Set<InstanceKind> infrastructure() {
    return Set.of(InstanceKind.KAFKA, InstanceKind.REDIS);
  }

  /**
   * Tracks beside stable as Deployments of their own, the split by replicas behind the component's
   * Service ({@link KubernetesTracks}).
   */
  @Override
  public java.util.Optional<Tracks> tracks() {
    return java.util.Optional.of(new KubernetesTracks(client, scope, clock, notices));
  }

  @Override
  public ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress) {
    return ApiErrors.call(
        client,
        scope.namespace(),
        "apply " + plan.version(),
        () -> applyNow(plan, timeout, progress));
  }

  private ApplyResult applyNow(Plan plan, Duration timeout, Consumer<String> progress) {
    var deadline = clock.instant().plus(timeout);
    Map<String, String> recorded = clusterImages.read();
    Map<String, String> refs = imagesOf(plan, recorded, progress);
    var loaded = ledger.load();
    clusterImages.record(recorded, refs, loaded.revisions());
    List<HasMetadata> objects =
        Manifests.of(
            scope.withImages(refs),
            plan,
            ReplicaSplit.read(client, scope.namespace(), scope.env()));
    Integer inFlight = loaded.inFlight().map(Revision::revision).orElse(null);
    List<String> changed = applier.apply(objects, scope.env(), inFlight, progress);
    if (changed.isEmpty()) {
      progress.accept("  no object changed in namespace " + scope.namespace());
    }
    List<String> deployments =
        objects.stream()
            .filter(o -> o instanceof Deployment)
            .map(o -> o.getMetadata().getName())
            .toList();
    return new DeploymentWait(client, scope.namespace(), clock)
        .await(deployments, deadline, progress);
  }

  /**
   * What {@code apply(plan)} would write and delete, object by object: {@code deploy --dry-run}.
   */
  @Override
  public List<String> preview(Plan plan) {
    return ApiErrors.call(
        client,
        scope.namespace(),
        "read the objects to compare",
        () ->
            new Preview(client, scope.namespace(), applier)
                .of(
                    Manifests.of(
                        scope.withImages(previewImages(plan, clusterImages.read())),
                        plan,
                        ReplicaSplit.read(client, scope.namespace(), scope.env())),
                    scope.env()));
  }

  /**
   * The image of every service of {@code plan} by digest, by {@link Scope#imageKey}: as the cluster
   * recorded it, else as this machine pushed it, else built and pushed now.
   */
  private Map<String, String> imagesOf(
      Plan plan, Map<String, String> recorded, Consumer<String> progress) {
    Map<String, String> refs = knownImages(plan, recorded);
    List<PlannedInstance> missing =
        Scope.services(plan).stream()
            .filter(i -> !refs.containsKey(Scope.imageKey(i.component(), i.artifact())))
            .toList();
    if (!missing.isEmpty()) {
      progress.accept(
          "  pushing the images of "
              + missing.stream().map(PlannedInstance::name).toList()
              + " to "
              + scope.registry());
      Scope.keyed(missing, images.push(scope.registry(), missing, progress), refs);
    }
    return refs;
  }

  /**
   * The images of {@code plan} known without pushing: the cluster's record ({@code recorded}), then
   * this machine's.
   */
  private Map<String, String> knownImages(Plan plan, Map<String, String> recorded) {
    Map<String, String> refs = new TreeMap<>();
    List<PlannedInstance> rest = new ArrayList<>();
    for (PlannedInstance i : Scope.services(plan)) {
      String ref = recorded.get(Scope.imageKey(i.component(), i.artifact()));
      if (ref != null) {
        refs.put(Scope.imageKey(i.component(), i.artifact()), ref);
      } else {
        rest.add(i);
      }
    }
    if (!rest.isEmpty()) {
      Scope.keyed(rest, images.known(scope.registry(), rest), refs);
    }
    return refs;
  }

  /** As {@link #knownImages}; an image never pushed shows as the repository deploy pushes to. */
  private Map<String, String> previewImages(Plan plan, Map<String, String> recorded) {
    Map<String, String> refs = knownImages(plan, recorded);
    for (PlannedInstance i : Scope.services(plan)) {
      refs.putIfAbsent(
          Scope.imageKey(i.component(), i.artifact()),
          scope.registry() + "/" + i.component() + "@(pushed by deploy)");
    }
    return refs;
  }

  @Override
  public TargetStatus status() {
    return ApiErrors.call(client, scope.namespace(), "read the Deployments", this::statusNow);
  }

  private TargetStatus statusNow() {
    List<InstanceStatus> out = new ArrayList<>();
    for (Deployment d :
        client
            .apps()
            .deployments()
            .inNamespace(scope.namespace())
            .withLabels(Labels.managed(scope.env()))
            .list()
            .getItems()) {
      Map<String, String> labels = d.getMetadata().getLabels();
      String state = DeploymentWait.state(d);
      int restarts = 0;
      Map<String, Integer> ports = new TreeMap<>();
      var declared = d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts();
      if (declared != null) {
        declared.stream()
            .filter(p -> p.getName() != null)
            .forEach(p -> ports.put(p.getName(), p.getContainerPort()));
      }
      // as every target names them (CLI.md): metrics as the URL of /metrics, the rest host:port
      Map<String, String> endpoints =
          Endpoints.of(d.getMetadata().getName() + "." + scope.namespace() + ".svc", ports, false);
      out.add(
          new InstanceStatus(
              d.getMetadata().getName(),
              labels.get(Labels.COMPONENT),
              InstanceKind.SERVICE,
              labels.get(Labels.TRACK),
              labels.getOrDefault("app.kubernetes.io/version", "unknown"),
              d.getMetadata().getAnnotations() == null
                  ? null
                  : d.getMetadata().getAnnotations().get("oasis.dev/artifact"),
              true,
              "ready".equals(state),
              state,
              restarts,
              null,
              endpoints));
    }
    return new TargetStatus(
        true, out, List.of("namespace " + scope.namespace() + " on " + client.getMasterUrl()));
  }

  @Override
  public void down(Duration grace, Consumer<String> progress) {
    int n =
        ApiErrors.call(
            client,
            scope.namespace(),
            "delete the objects",
            () -> {
              ReplicaSplit.delete(client, scope.namespace(), scope.env());
              return applier.deleteAll(scope.env(), progress);
            });
    progress.accept("deleted " + n + " objects of " + scope.env() + " in " + scope.namespace());
  }

  @Override
  public void logs(String instance, int tail, boolean follow, Consumer<String> sink)
      throws InterruptedException {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(scope.namespace())
            .withLabels(Labels.selector(scope.env(), instance, RuntimeContract.STABLE))
            .list()
            .getItems();
    if (pods.isEmpty()) {
      throw OasisException.badInput(
          "no pod of '" + instance + "' runs in namespace " + scope.namespace(),
          "See 'oasis status --env " + scope.env() + "'.");
    }
    for (Pod p : pods) {
      String pod = p.getMetadata().getName();
      if (!follow) {
        String log =
            client.pods().inNamespace(scope.namespace()).withName(pod).tailingLines(tail).getLog();
        if (log != null) {
          log.lines().map(l -> pod + " | " + l).forEach(sink);
        }
        continue;
      }
      try (LogWatch watch =
              client
                  .pods()
                  .inNamespace(scope.namespace())
                  .withName(pod)
                  .tailingLines(tail)
                  .watchLog();
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
          sink.accept(pod + " | " + line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot follow the log of pod " + pod, e);
      }
    }
  }

  @Override
  public LedgerStore ledgers() {
    return ledger;
  }

  @Override
  public java.util.Optional<String> liveHolder(Clock clock) {
    return ApiErrors.call(
        client,
        scope.namespace(),
        "read the environment's Lease",
        () -> LeaseLock.liveHolder(client, scope.namespace(), scope.env(), clock));
  }

  @Override
  public EnvironmentLock acquire(String command, Clock clock, Consumer<String> notices) {
    return ApiErrors.call(
        client,
        scope.namespace(),
        "take the environment's Lease",
        () ->
            LeaseLock.acquire(
                client,
                scope.namespace(),
                scope.env(),
                command,
                clock,
                scope.settings().leaseSeconds(),
                notices));
  }
}
