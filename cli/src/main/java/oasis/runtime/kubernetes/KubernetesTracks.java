package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import oasis.config.ComponentConfig;
import oasis.core.OasisException;
import oasis.runtime.ApplyResult;
import oasis.runtime.Endpoints;
import oasis.runtime.RuntimeContract;
import oasis.runtime.Tracks;

/**
 * Canary and blue/green on plain Kubernetes: a track is a Deployment {@code <component>-<track>}
 * (label {@code oasis.dev/track}) with its own Service, beside stable; the weight is realised by
 * replicas behind the component's one Service ({@link ReplicaSplit}). The split is by pods, and
 * gRPC through a ClusterIP Service balances connections, not calls: a step's share is as fine as
 * one pod out of the component's pods, and a long-lived caller's connection stays on the pod it
 * reached.
 */
final class KubernetesTracks implements Tracks {

  private final KubernetesClient client;
  private final Scope scope;
  private final Clock clock;
  private final Consumer<String> progress;

  KubernetesTracks(KubernetesClient client, Scope scope, Clock clock, Consumer<String> progress) {
    this.client = client;
    this.scope = scope;
    this.clock = clock;
    this.progress = progress;
  }

  @Override
  public void setWeight(String track, int weight, Collection<String> components) {
    if (weight < 0 || weight > 100) {
      throw new IllegalArgumentException("weight " + weight + " is not 0..100");
    }
    ApiErrors.run(
        client,
        scope.namespace(),
        "give the " + track + " track " + weight + "%",
        () -> {
          Map<String, ReplicaSplit.Share> weights =
              ReplicaSplit.read(client, scope.namespace(), scope.env());
          for (String c : components) {
            weights.put(c, new ReplicaSplit.Share(track, weight));
          }
          ReplicaSplit.write(client, scope.namespace(), scope.env(), weights);
          for (String c : components) {
            shift(c, new ReplicaSplit.Share(track, weight));
          }
        });
  }

  /**
   * Moves {@code component}'s calls make-before-break: the track's new pods are ready before the
   * Service selects them, and pods leave only after it stopped selecting them.
   */
  private void shift(String component, ReplicaSplit.Share share) {
    var deployments = client.apps().deployments().inNamespace(scope.namespace());
    String name = component + "-" + share.track();
    Deployment live = deployments.withName(name).get();
    if (live == null) {
      return; // the track does not run yet: its apply renders it with this weight
    }
    int stable = scope.settings().workload(component).replicas();
    int want = ReplicaSplit.trackReplicas(stable, share.weight());
    int had = live.getSpec().getReplicas() == null ? 1 : live.getSpec().getReplicas();
    if (want > had) {
      scale(name, want);
      ApplyResult r =
          new DeploymentWait(client, scope.namespace(), clock)
              .await(
                  List.of(name),
                  clock.instant().plusSeconds(Workloads.PROGRESS_DEADLINE_SECONDS),
                  progress);
      if (!r.ready()) {
        throw OasisException.failed(
            "the " + share.track() + " track of " + component + " did not scale: " + r.reason(),
            "Stable still serves what it served; abort with 'oasis rollout abort --env "
                + scope.env()
                + "'.");
      }
    }
    Map<String, String> selector =
        ReplicaSplit.serviceSelector(scope.env(), component, share.weight() > 0 ? share : null);
    client
        .services()
        .inNamespace(scope.namespace())
        .withName(component)
        .edit(
            (Service s) -> {
              s.getSpec().setSelector(selector);
              return unapplied(s);
            });
    if (want < had) {
      scale(name, want);
    }
    progress.accept(
        "  "
            + component
            + ": "
            + want
            + " "
            + share.track()
            + " pod(s) beside "
            + stable
            + " stable: "
            + ReplicaSplit.effectivePercent(stable, want, share.weight())
            + "% of the connections (asked "
            + share.weight()
            + "%)");
  }

  private void scale(String name, int replicas) {
    client
        .apps()
        .deployments()
        .inNamespace(scope.namespace())
        .withName(name)
        .edit(
            d -> {
              d.getSpec().setReplicas(replicas);
              return unapplied(d);
            });
  }

  /**
   * Drops the hash of what oasis applied: the object no longer holds what its hash says, and the
   * next apply must write it whatever weights it renders with (else a command killed between the
   * weights and this change could leave a Service selecting a track that apply then removes).
   */
  private static <T extends HasMetadata> T unapplied(T o) {
    if (o.getMetadata().getAnnotations() != null) {
      o.getMetadata().getAnnotations().remove(Labels.APPLIED);
    }
    return o;
  }

  @Override
  public List<String> metrics(String component, String track) {
    ComponentConfig c = scope.config().components().get(component);
    Integer port = c == null ? null : c.ports().get("metrics");
    if (port == null) {
      return List.of();
    }
    String service = RuntimeContract.stable(track) ? component : component + "-" + track;
    return List.of(Endpoints.metrics(service + "." + scope.namespace() + ".svc", port));
  }
}
