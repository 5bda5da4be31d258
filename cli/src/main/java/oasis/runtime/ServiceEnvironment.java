package oasis.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The variables of the runtime contract (services/README.md) that every target gives a service:
 * where Kafka, Redis and its gRPC peers are, its own ports, component and track. Targets differ
 * only in the addresses (loopback ports, network aliases, cluster services).
 */
public final class ServiceEnvironment {

  /** Prefixes of the port variables of the five services; others use their name in capitals. */
  static final Map<String, String> PREFIXES =
      Map.of(
          "coinbase-connector", "CONNECTOR",
          "data-normalizer", "NORMALIZER",
          "strategy-framework", "STRATEGY",
          "risk-engine", "RISK",
          "order-manager", "ORDER_MANAGER");

  private ServiceEnvironment() {}

  /**
   * What every service of {@code plan} is told about the others: {@code KAFKA_BROKERS}, {@code
   * REDIS_URL} and {@code RISK_USE_REDIS}, and {@code <PEER>_GRPC_ADDR} of each stable service.
   *
   * @param ports an instance's ports as the target binds them
   * @param host the host name under which the services reach an instance
   */
  public static Map<String, String> wiring(
      Plan plan,
      Function<PlannedInstance, Map<String, Integer>> ports,
      Function<PlannedInstance, String> host) {
    Map<String, String> wiring = new TreeMap<>();
    for (PlannedInstance i : plan.instances()) {
      Map<String, Integer> p = ports.apply(i);
      String at = host.apply(i) + ":";
      switch (i.kind()) {
        case KAFKA -> wiring.put("KAFKA_BROKERS", at + p.get("bootstrap"));
        case REDIS -> {
          wiring.put("REDIS_URL", "redis://" + at + p.get("redis"));
          wiring.put("RISK_USE_REDIS", "1");
        }
        case SERVICE -> {
          if (p.containsKey("grpc") && RuntimeContract.stable(i.track())) {
            wiring.put(envName(i.component()) + "_GRPC_ADDR", at + p.get("grpc"));
          }
        }
      }
    }
    wiring.putIfAbsent("RISK_USE_REDIS", "0");
    return wiring;
  }

  /** A service's own variables: {@code <PREFIX>_<PORT>_PORT}, its component and its track. */
  public static Map<String, String> own(PlannedInstance service, Map<String, Integer> ports) {
    Map<String, String> env = new TreeMap<>();
    String prefix = PREFIXES.getOrDefault(service.component(), envName(service.component()));
    ports.forEach(
        (name, port) ->
            env.put(prefix + "_" + name.toUpperCase(Locale.ROOT) + "_PORT", String.valueOf(port)));
    env.put("OASIS_COMPONENT", service.component());
    env.put("OASIS_TRACK", service.track());
    return env;
  }

  /** {@code order-manager} to {@code ORDER_MANAGER}. */
  public static String envName(String component) {
    return component.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
