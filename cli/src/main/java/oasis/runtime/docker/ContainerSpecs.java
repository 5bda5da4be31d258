package oasis.runtime.docker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import oasis.artifact.ArtifactStore;
import oasis.config.DockerSettings;
import oasis.config.Overrides;
import oasis.config.ProjectConfig;
import oasis.config.Resources;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.ServiceEnvironment;

/**
 * Turns a {@link Plan} into the containers of one environment: names, images, wiring over the
 * environment's network (Kafka, Redis and gRPC peers by their names), ports, labels and limits.
 * Pure, so that the docker target and the compose export run exactly the same containers.
 */
public final class ContainerSpecs {

  /** Where images oasis builds keep data: owned by their user (templates/docker/Dockerfile). */
  static final String DATA_DIR = "/opt/oasis/data";

  static final String KAFKA_LOG_DIR = DATA_DIR + "/kafka";

  /** The first container port tried for the broker's listener for clients on the host. */
  static final int KAFKA_EXTERNAL_PORT = 29092;

  public static final String SPEC_LABEL = "oasis.spec";

  private ContainerSpecs() {}

  /** The network of an environment. */
  public static String network(String env) {
    return "oasis-" + env;
  }

  /** The named volume of the broker's log dir: kept across redeploys, removed by down. */
  public static String kafkaVolume(String env) {
    return "oasis-" + env + "-kafka";
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
    // Containers reach one another by name on the environment's network.
    Map<String, String> wiring =
        ServiceEnvironment.wiring(plan, PlannedInstance::ports, PlannedInstance::name);
    List<ContainerSpec> out = new ArrayList<>();
    for (PlannedInstance i : plan.instances()) {
      Map<String, Integer> p = i.ports();
      Map<String, Integer> published = new TreeMap<>(p);
      Map<String, String> env = new TreeMap<>();
      Map<String, String> volumes = new TreeMap<>();
      Map<String, String> hostAddressVars = new TreeMap<>();
      List<String> command = new ArrayList<>();
      switch (i.kind()) {
        case SERVICE -> {
          env.putAll(wiring);
          env.putAll(ServiceEnvironment.own(i, p));
        }
        case KAFKA -> {
          env.put("KAFKA_PORT", String.valueOf(p.get("bootstrap")));
          if (p.containsKey("controller")) {
            env.put("KAFKA_CONTROLLER_PORT", String.valueOf(p.get("controller")));
          }
          env.put("KAFKA_LISTEN_HOST", "0.0.0.0");
          env.put("KAFKA_ADVERTISED_HOST", i.name());
          env.put("KAFKA_LOG_DIR", KAFKA_LOG_DIR);
          volumes.put(kafkaVolume(plan.environment()), DATA_DIR);
          // Containers reach the broker by name (kafka:<bootstrap>); the CLI on the host (status,
          // smoke) through a second listener that advertises the published address. Only that
          // one is published: the controller listens on the container's loopback.
          int external = KAFKA_EXTERNAL_PORT;
          while (p.containsValue(external)) {
            external++;
          }
          env.put("KAFKA_EXTERNAL_PORT", String.valueOf(external));
          hostAddressVars.put("KAFKA_EXTERNAL_ADVERTISED", "bootstrap");
          published.clear();
          published.put("bootstrap", external);
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
      Map<String, String> secrets = new TreeMap<>();
      env.keySet()
          .removeIf(
              k -> {
                if (Overrides.isSecret(k)) {
                  secrets.put(k, env.get(k));
                  return true;
                }
                return false;
              });
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
              published,
              labels,
              aliases,
              i.dependsOn(),
              limits == null ? null : limits.memory(),
              limits == null ? null : limits.memoryBytes(),
              limits == null ? null : limits.cpus(),
              settings.restartPolicy(),
              ownImage,
              secrets,
              volumes,
              hostAddressVars));
    }
    return out;
  }

  /**
   * A digest of everything that defines the container: a changed one is recreated. It is a label,
   * which {@code docker inspect} shows, so secret values enter only through a salted, slow digest.
   */
  public static String hash(ContainerSpec spec) {
    return ArtifactStore.sha256(Json.bytes(List.of(spec, secretsDigest(spec))));
  }

  private static final int SECRET_DIGEST_ROUNDS = 120_000;

  /** PBKDF2 of the secrets, salted with the container's name; empty without secrets. */
  static String secretsDigest(ContainerSpec spec) {
    if (spec.secrets().isEmpty()) {
      return "";
    }
    char[] secrets = new String(Json.bytes(spec.secrets()), StandardCharsets.UTF_8).toCharArray();
    try {
      byte[] digest =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
              .generateSecret(
                  new PBEKeySpec(
                      secrets,
                      spec.container().getBytes(StandardCharsets.UTF_8),
                      SECRET_DIGEST_ROUNDS,
                      256))
              .getEncoded();
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      Arrays.fill(secrets, ' ');
    }
  }

  /**
   * The {@code .env} the service kit reads (dotenv-java: a double-quoted value is taken literally,
   * a single-quoted one keeps its quotes): each value double-quoted; one that holds a double quote
   * unquoted, when it can be (no {@code #}, no surrounding space); any other cannot be written.
   */
  static String dotenv(Map<String, String> vars) {
    StringBuilder out = new StringBuilder("# written by oasis: the secrets of this container\n");
    vars.forEach(
        (k, v) -> {
          boolean quotable = v.indexOf('"') < 0;
          boolean bare =
              !quotable
                  && v.indexOf('#') < 0
                  && v.equals(v.strip())
                  && !v.startsWith("'")
                  && !v.startsWith("\"");
          if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !quotable && !bare) {
            throw OasisException.badInput(
                "the value of " + k + " cannot be written as one .env line",
                "A secret reaches its container as a .env line: keep it on one line, and without"
                    + " double quotes (or without '#' and surrounding spaces).");
          }
          out.append(k).append('=').append(quotable ? '"' + v + '"' : v).append('\n');
        });
    return out.toString();
  }

  private static Resources resources(ProjectConfig config, String component) {
    if (config.components().containsKey(component)) {
      return config.components().get(component).resources();
    }
    var infra = config.infrastructure().get(component);
    return infra == null ? null : infra.resources();
  }
}
