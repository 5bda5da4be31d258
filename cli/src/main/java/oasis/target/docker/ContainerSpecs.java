package oasis.target.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import oasis.build.ArtifactStore;
import oasis.config.DockerSettings;
import oasis.config.ProjectConfig;
import oasis.config.Resources;
import oasis.core.Json;
import oasis.target.Plan;
import oasis.target.PlannedInstance;

/**
 * Turns a {@link Plan} into the containers of one environment: names, images, wiring over the
 * environment's network (Kafka, Redis and gRPC peers by their names), ports, labels and limits.
 * Pure, so that the docker target and the compose export run exactly the same containers.
 */
public final class ContainerSpecs {

  /** Prefixes of the port variables of the runtime contract (services/README.md). */
  static final Map<String, String> PREFIXES =
      Map.of(
          "coinbase-connector", "CONNECTOR",
          "data-normalizer", "NORMALIZER",
          "strategy-framework", "STRATEGY",
          "risk-engine", "RISK",
          "order-manager", "ORDER_MANAGER");

  static final String KAFKA_LOG_DIR = "/tmp/oasis-kafka";
  public static final String SPEC_LABEL = "oasis.spec";

  private ContainerSpecs() {}

  /** The network of an environment. */
  public static String network(String env) {
    return "oasis-" + env;
  }

  /** The container of an instance. */
  public static String container(String env, String instance) {
    return "oasis-" + env + "-" + instance.replace('@', '-');
  }

  /**
   * @param images instance name to image reference
   */
  public static List<ContainerSpec> of(
      Plan plan, ProjectConfig config, DockerSettings settings, Map<String, String> images) {
    Map<String, String> wiring = new TreeMap<>();
    for (PlannedInstance i : plan.instances()) {
      Map<String, Integer> p = i.ports();
      switch (i.kind()) {
        case KAFKA -> wiring.put("KAFKA_BROKERS", i.name() + ":" + p.get("bootstrap"));
        case REDIS -> {
          wiring.put("REDIS_URL", "redis://" + i.name() + ":" + p.get("redis"));
          wiring.put("RISK_USE_REDIS", "1");
        }
        case SERVICE -> {
          if (p.containsKey("grpc") && "stable".equals(i.track())) {
            wiring.put(envName(i.component()) + "_GRPC_ADDR", i.component() + ":" + p.get("grpc"));
          }
        }
      }
    }
    wiring.putIfAbsent("RISK_USE_REDIS", "0");
    List<ContainerSpec> out = new ArrayList<>();
    for (PlannedInstance i : plan.instances()) {
      Map<String, Integer> p = i.ports();
      Map<String, String> env = new TreeMap<>();
      List<String> command = new ArrayList<>();
      switch (i.kind()) {
        case SERVICE -> {
          env.putAll(wiring);
          String prefix = PREFIXES.getOrDefault(i.component(), envName(i.component()));
          p.forEach(
              (name, port) ->
                  env.put(
                      prefix + "_" + name.toUpperCase(Locale.ROOT) + "_PORT",
                      String.valueOf(port)));
          env.put("OASIS_COMPONENT", i.component());
          env.put("OASIS_TRACK", i.track());
        }
        case KAFKA -> {
          env.put("KAFKA_PORT", String.valueOf(p.get("bootstrap")));
          if (p.containsKey("controller")) {
            env.put("KAFKA_CONTROLLER_PORT", String.valueOf(p.get("controller")));
          }
          env.put("KAFKA_LISTEN_HOST", "0.0.0.0");
          env.put("KAFKA_ADVERTISED_HOST", i.name());
          env.put("KAFKA_LOG_DIR", KAFKA_LOG_DIR);
        }
        case REDIS ->
            command.addAll(
                List.of(
                    "--port",
                    String.valueOf(p.get("redis")),
                    "--bind",
                    "0.0.0.0",
                    "--protected-mode",
                    "no",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    "/tmp"));
      }
      env.put("OASIS_PROBE", Images.probe(i));
      env.putAll(i.env());
      Resources limits = resources(config, i.component());
      boolean ownImage =
          switch (i.kind()) {
            case SERVICE -> true;
            case KAFKA -> settings.kafkaImage() == null;
            case REDIS -> settings.redisImage() == null;
          };
      String version = i.env().getOrDefault("OASIS_VERSION", plan.version());
      Map<String, String> labels = new TreeMap<>();
      labels.put("oasis.env", plan.environment());
      labels.put("oasis.component", i.component());
      labels.put("oasis.instance", i.name());
      labels.put("oasis.track", i.track());
      labels.put("oasis.version", version == null ? "" : version);
      List<String> aliases = new ArrayList<>(List.of(i.name().replace('@', '-')));
      if ("stable".equals(i.track()) && !aliases.contains(i.component())) {
        aliases.add(i.component());
      }
      out.add(
          new ContainerSpec(
              i.name(),
              i.component(),
              i.kind(),
              i.track(),
              version,
              i.artifact(),
              container(plan.environment(), i.name()),
              images.get(i.name()),
              command,
              env,
              p,
              labels,
              aliases,
              i.dependsOn(),
              limits == null ? null : limits.memory(),
              limits == null ? null : limits.memoryBytes(),
              limits == null ? null : limits.cpus(),
              settings.restartPolicy(),
              ownImage));
    }
    return out;
  }

  /** A digest of everything that defines the container: a changed one is recreated. */
  public static String hash(ContainerSpec spec) {
    return ArtifactStore.sha256(Json.bytes(spec));
  }

  private static Resources resources(ProjectConfig config, String component) {
    if (config.components().containsKey(component)) {
      return config.components().get(component).resources();
    }
    var infra = config.infrastructure().get(component);
    return infra == null ? null : infra.resources();
  }

  static String envName(String component) {
    return component.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
