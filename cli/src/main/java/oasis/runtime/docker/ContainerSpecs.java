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
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceLaunch;
import oasis.runtime.InstanceProbes;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RuntimeContract;
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
      out.add(spec(plan, i, wiring, config, settings, images.get(i.name())));
    }
    return out;
  }

  private static ContainerSpec spec(
      Plan plan,
      PlannedInstance i,
      Map<String, String> wiring,
      ProjectConfig config,
      DockerSettings settings,
      String image) {
    Map<String, Integer> published = new TreeMap<>(i.ports());
    Map<String, String> env = RuntimeContract.environment(i, i.ports(), wiring, KAFKA_LOG_DIR);
    Map<String, String> volumes = new TreeMap<>();
    Map<String, String> hostAddressVars = new TreeMap<>();
    List<String> command = new ArrayList<>();
    switch (i.kind()) {
      case SERVICE -> {}
      case KAFKA -> {
        volumes.put(kafkaVolume(plan.environment()), DATA_DIR);
        hostAddressVars.put("KAFKA_EXTERNAL_ADVERTISED", "bootstrap");
        published = kafka(i, env);
      }
      case REDIS ->
          command.addAll(
              RuntimeContract.redisArguments(
                  List.of(
                      "--port",
                      String.valueOf(i.ports().get("redis")),
                      "--bind",
                      "0.0.0.0",
                      "--protected-mode",
                      "no"),
                  "/tmp"));
    }
    env.put("OASIS_PROBE", InstanceProbes.healthcheck(i.kind(), i.ports()));
    env.putAll(i.env());
    Map<String, String> secrets = secrets(env);
    Resources limits = resources(config, i.component());
    String version = i.env().getOrDefault("OASIS_VERSION", plan.version());
    return new ContainerSpec(
        InstanceLaunch.of(i, version, command, env, published),
        container(plan.environment(), i.name()),
        image,
        labels(plan.environment(), i, version),
        aliases(i),
        limits == null ? null : limits.memory(),
        limits == null ? null : limits.memoryBytes(),
        limits == null ? null : limits.cpus(),
        settings.restartPolicy(),
        ownImage(i, settings),
        secrets,
        volumes,
        hostAddressVars);
  }

  /**
   * The broker's listeners on the network: containers reach it by name (kafka:<bootstrap>); the CLI
   * on the host (status, smoke) through a second listener that advertises the published address.
   * Only that one is published: the controller listens on the container's loopback. Returns what is
   * published.
   */
  private static Map<String, Integer> kafka(PlannedInstance i, Map<String, String> env) {
    env.put("KAFKA_LISTEN_HOST", "0.0.0.0");
    env.put("KAFKA_ADVERTISED_HOST", i.name());
    int external = KAFKA_EXTERNAL_PORT;
    while (i.ports().containsValue(external)) {
      external++;
    }
    env.put("KAFKA_EXTERNAL_PORT", String.valueOf(external));
    return new TreeMap<>(Map.of("bootstrap", external));
  }

  /** Takes the secret variables out of {@code env}: they reach the container as a file. */
  private static Map<String, String> secrets(Map<String, String> env) {
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
    return secrets;
  }

  /** Whether its image is one oasis builds (with the oasis HEALTHCHECK). */
  private static boolean ownImage(PlannedInstance i, DockerSettings settings) {
    return switch (i.kind()) {
      case SERVICE -> true;
      case KAFKA -> settings.kafkaImage() == null;
      case REDIS -> settings.redisImage() == null;
    };
  }

  private static Map<String, String> labels(String env, PlannedInstance i, String version) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("oasis.env", env);
    labels.put("oasis.component", i.component());
    labels.put("oasis.instance", i.name());
    labels.put("oasis.track", i.track());
    labels.put("oasis.version", version == null ? "" : version);
    return labels;
  }

  /** Its names on the network: the instance's, and the component's for the stable track. */
  private static List<String> aliases(PlannedInstance i) {
    List<String> aliases = new ArrayList<>(List.of(i.name().replace('@', '-')));
    if (RuntimeContract.stable(i.track()) && !aliases.contains(i.component())) {
      aliases.add(i.component());
    }
    return aliases;
  }

  /**
   * A digest of everything that defines the container: a changed one is recreated. It is a label,
   * which {@code docker inspect} shows, so secret values enter only through a salted, slow digest.
   */
  public static String hash(ContainerSpec spec) {
    return ArtifactStore.sha256(Json.bytes(List.of(Hashed.of(spec), secretsDigest(spec))));
  }

  /**
   * The fields a container's hash is taken over, in the names and order it has always had: the hash
   * is a label on running containers, so a refactoring of the spec's classes must not change it
   * (that would recreate every container, and lose Redis's data, on the next deploy).
   */
  private record Hashed(
      String instance,
      String component,
      InstanceKind kind,
      String track,
      String version,
      String artifact,
      String container,
      String image,
      List<String> command,
      Map<String, String> env,
      Map<String, Integer> ports,
      Map<String, String> labels,
      List<String> aliases,
      List<String> dependsOn,
      String memory,
      Long memoryBytes,
      Double cpus,
      String restartPolicy,
      boolean healthcheck,
      Map<String, String> volumes,
      Map<String, String> hostAddressVars) {

    static Hashed of(ContainerSpec s) {
      InstanceLaunch l = s.launch();
      return new Hashed(
          l.name(),
          l.component(),
          l.kind(),
          l.track(),
          l.version(),
          l.artifact(),
          s.container(),
          s.image(),
          l.command(),
          l.env(),
          l.ports(),
          s.labels(),
          s.aliases(),
          l.dependsOn(),
          s.memory(),
          s.memoryBytes(),
          s.cpus(),
          s.restartPolicy(),
          s.healthcheck(),
          s.volumes(),
          s.hostAddressVars());
    }
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
