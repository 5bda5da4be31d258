package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oasis.config.ComponentConfig;
import oasis.config.KubernetesSettings.Workload;
import oasis.config.Resources;
import oasis.runtime.InstanceProbes;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RuntimeContract;

/**
 * The objects of one service: ServiceAccount, ConfigMap, Deployment, Service, and where declared an
 * autoscaler, a disruption budget and an Ingress. Secret variables become {@code secretKeyRef}s:
 * their values never enter an object oasis renders.
 */
final class Workloads {

  /** The Secret that holds secret variables not given as {@code k8s-secret:NAME#KEY}. */
  static final String SECRETS = "oasis-secrets";

  static final int UID = 65532;

  /** How long a rollout may make no progress before Kubernetes calls it failed. */
  static final int PROGRESS_DEADLINE_SECONDS = 300;

  private Workloads() {}

  /**
   * {@code env} is the service's variables: the plan's, the contract's wiring and its own; {@code
   * share} the component's traffic split in force, null when only stable runs ({@link
   * ReplicaSplit}).
   */
  static List<HasMetadata> of(
      Scope scope, PlannedInstance i, Map<String, String> env, ReplicaSplit.Share share) {
    Workload w = scope.settings().workload(i.component());
    String name = i.name().replace('@', '-');
    String version = i.env().get("OASIS_VERSION");
    boolean stable = RuntimeContract.stable(i.track());
    Map<String, String> labels = Labels.of(scope.env(), i.component(), i.track(), version);
    Map<String, String> selector = Labels.selector(scope.env(), i.component(), i.track());
    // Another track's pods: as many as its weight asks beside stable's; the autoscaler and the
    // disruption budget are stable's alone.
    int replicas =
        stable
            ? w.replicas()
            : ReplicaSplit.trackReplicas(w.replicas(), share == null ? 0 : share.weight());
    Map<String, String> serving =
        stable ? ReplicaSplit.serviceSelector(scope.env(), i.component(), share) : selector;
    Map<String, String> plain = new TreeMap<>();
    List<EnvVar> secrets = new ArrayList<>();
    split(env, plain, secrets);
    List<HasMetadata> out = new ArrayList<>();
    out.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withAutomountServiceAccountToken(false)
            .build());
    out.add(configMap(name, labels, plain));
    out.add(deployment(scope, i, replicas, name, labels, selector, plain, secrets));
    out.add(service(i, name, labels, serving));
    if (stable && w.autoscale() != null) {
      out.add(autoscaler(w, name, labels));
    }
    if (stable && (w.replicas() > 1 || w.autoscale() != null)) {
      out.add(disruptionBudget(name, labels, selector));
    }
    if (w.expose() != null && stable && i.ports().containsKey("grpc")) {
      out.add(ingress(w, name, labels));
    }
    return out;
  }

  /** Plain variables go to the ConfigMap, secret ones become references to Secrets. */
  private static void split(Map<String, String> env, Map<String, String> plain, List<EnvVar> refs) {
    env.forEach(
        (k, v) -> {
          if (SecretRefs.isSecret(k)) {
            refs.add(SecretRefs.ref(k, v));
          } else {
            plain.put(k, v);
          }
        });
  }

  private static HasMetadata configMap(
      String name, Map<String, String> labels, Map<String, String> plain) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name + "-env")
        .withLabels(labels)
        .endMetadata()
        .withData(plain)
        .build();
  }

  private static HasMetadata disruptionBudget(
      String name, Map<String, String> labels, Map<String, String> selector) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .endSpec()
        .build();
  }

  private static HasMetadata deployment(
      Scope scope,
      PlannedInstance i,
      int replicas,
      String name,
      Map<String, String> labels,
      Map<String, String> selector,
      Map<String, String> plain,
      List<EnvVar> secrets) {
    List<EnvVar> vars = new ArrayList<>(secrets);
    vars.add(instanceId());
    Map<String, String> podLabels = new TreeMap<>(labels);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .addToAnnotations("oasis.dev/artifact", i.artifact())
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withRevisionHistoryLimit(3)
        .withProgressDeadlineSeconds(PROGRESS_DEADLINE_SECONDS)
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(0))
        .withMaxSurge(new IntOrString(1))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        // A changed ConfigMap alone would not restart the pods: its hash is part of the template.
        .addToAnnotations("oasis.dev/config", Hashes.of(plain))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(name)
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(podSecurity())
        .addToContainers(container(scope, i, name, vars))
        // The root filesystem is read-only: the JVM's temporary files go to a scratch volume.
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Each pod's name, which the service reports as its instance. */
  private static EnvVar instanceId() {
    return new EnvVarBuilder()
        .withName("OASIS_INSTANCE_ID")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.name")
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  /** The image's user, never root, with the runtime's default seccomp profile. */
  private static PodSecurityContext podSecurity() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser((long) UID)
        .withRunAsGroup((long) UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /**
   * The service's container: the contract's probes on its metrics port ({@link
   * InstanceProbes#READY_PATH}, {@link InstanceProbes#LIVE_PATH}), its limits, no privileges.
   */
  private static Container container(
      Scope scope, PlannedInstance i, String name, List<EnvVar> vars) {
    ComponentConfig component = scope.config().components().get(i.component());
    Resources res = component == null ? null : component.resources();
    return new ContainerBuilder()
        .withName(i.component())
        .withImage(scope.image(i.component(), i.artifact()))
        .withPorts(
            i.ports().entrySet().stream()
                .map(
                    p ->
                        new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                            .withName(p.getKey())
                            .withContainerPort(p.getValue())
                            .build())
                .toList())
        .addNewEnvFrom()
        .withNewConfigMapRef()
        .withName(name + "-env")
        .endConfigMapRef()
        .endEnvFrom()
        .withEnv(vars)
        .withReadinessProbe(probe(InstanceProbes.READY_PATH, 5, 3))
        .withLivenessProbe(probe(InstanceProbes.LIVE_PATH, 10, 3))
        .withStartupProbe(probe(InstanceProbes.LIVE_PATH, 2, 60))
        .withNewResources()
        .withRequests(quantities(res))
        .withLimits(quantities(res))
        .endResources()
        .withSecurityContext(Workloads.restricted())
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  /** A container with no privileges and a read-only root filesystem. */
  static SecurityContext restricted() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  private static Probe probe(String path, int period, int failures) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("metrics"))
        .endHttpGet()
        .withPeriodSeconds(period)
        .withFailureThreshold(failures)
        .withTimeoutSeconds(2)
        .build();
  }

  private static Map<String, Quantity> quantities(Resources res) {
    Map<String, Quantity> q = new TreeMap<>();
    if (res != null && res.memoryBytes() != null) {
      q.put("memory", new Quantity((res.memoryBytes() >> 20) + "Mi"));
    }
    if (res != null && res.cpus() != null) {
      q.put("cpu", new Quantity(Math.round(res.cpus() * 1000) + "m"));
    }
    return q;
  }

  private static HasMetadata service(
      PlannedInstance i, String name, Map<String, String> labels, Map<String, String> selector) {
    List<ServicePort> ports =
        i.ports().entrySet().stream()
            .map(
                p ->
                    new ServicePortBuilder()
                        .withName(p.getKey())
                        .withPort(p.getValue())
                        .withTargetPort(new IntOrString(p.getKey()))
                        .withAppProtocol("grpc".equals(p.getKey()) ? "grpc" : "http")
                        .build())
            .toList();
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withSelector(selector)
        .withPorts(ports)
        .endSpec()
        .build();
  }

  private static HasMetadata autoscaler(Workload w, String name, Map<String, String> labels) {
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(name)
        .endScaleTargetRef()
        .withMinReplicas(w.autoscale().min())
        .withMaxReplicas(w.autoscale().max())
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(w.autoscale().cpu())
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }

  private static HasMetadata ingress(Workload w, String name, Map<String, String> labels) {
    return new IngressBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .addToAnnotations("nginx.ingress.kubernetes.io/backend-protocol", "GRPC")
        .endMetadata()
        .withNewSpec()
        .addNewTl()
        .withHosts(w.expose().host())
        .withSecretName(w.expose().tlsSecret())
        .endTl()
        .addNewRule()
        .withHost(w.expose().host())
        .withNewHttp()
        .addNewPath()
        .withPath("/")
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName(name)
        .withNewPort()
        .withName("grpc")
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .endRule()
        .endSpec()
        .build();
  }
}
