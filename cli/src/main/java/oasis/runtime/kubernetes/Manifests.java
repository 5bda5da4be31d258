package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oasis.config.KubernetesSettings;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RuntimeContract;
import oasis.runtime.ServiceEnvironment;

/**
 * Everything the kubernetes target applies for a plan, in apply order: policies, infrastructure,
 * then each service's objects (dependencies first). What {@code oasis export kubernetes} writes is
 * this list too, so the export holds exactly what the target applies.
 */
final class Manifests {

  private Manifests() {}

  static List<HasMetadata> of(Scope scope, Plan plan) {
    return of(scope, plan, Map.of());
  }

  /**
   * The same with {@code weights} in force ({@link ReplicaSplit}): they set the tracks' replicas
   * and what each component's Service selects.
   */
  static List<HasMetadata> of(Scope scope, Plan plan, Map<String, ReplicaSplit.Share> weights) {
    List<HasMetadata> out = new ArrayList<>(NetworkPolicies.of(scope));
    out.addAll(Infrastructure.of(scope));
    Map<String, String> wiring = wiring(scope, plan);
    for (PlannedInstance i : plan.instances()) {
      if (i.kind() != InstanceKind.SERVICE) {
        continue; // Kafka and Redis are Infrastructure's (or external)
      }
      Map<String, String> env = RuntimeContract.environment(i, i.ports(), wiring, null);
      env.putAll(i.env());
      out.addAll(Workloads.of(scope, i, env, share(plan, i, weights)));
    }
    return out;
  }

  /**
   * The share in force for {@code i}'s component, if its track runs in {@code plan}: a weight left
   * for a track the plan no longer has gives stable every call.
   */
  private static ReplicaSplit.Share share(
      Plan plan, PlannedInstance i, Map<String, ReplicaSplit.Share> weights) {
    ReplicaSplit.Share s = weights.get(i.component());
    if (s == null) {
      return null;
    }
    String track = RuntimeContract.stable(i.track()) ? s.track() : i.track();
    if (!track.equals(s.track())
        || plan.instance(i.component() + "@" + track).isEmpty()
        || plan.instance(i.component()).isEmpty()) {
      return null;
    }
    return s;
  }

  /** The runtime contract's addresses as cluster Services: Strimzi's bootstrap, Redis, peers. */
  static Map<String, String> wiring(Scope scope, Plan plan) {
    Map<String, String> wiring =
        ServiceEnvironment.wiring(
            plan,
            i ->
                switch (i.kind()) {
                  case KAFKA -> Map.of("bootstrap", Infrastructure.KAFKA_PORT);
                  case REDIS -> Map.of("redis", Infrastructure.REDIS_PORT);
                  case SERVICE -> i.ports();
                },
            i ->
                switch (i.kind()) {
                  case KAFKA -> i.name() + "-kafka-bootstrap";
                  default -> i.name().replace('@', '-');
                });
    KubernetesSettings.Provider redis = scope.settings().redis();
    if (KubernetesSettings.EXTERNAL.equals(redis.provider()) && wiring.containsKey("REDIS_URL")) {
      wiring.put("REDIS_URL", redis.url());
    }
    return wiring;
  }
}
