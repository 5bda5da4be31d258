package oasis.preflight.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.config.EnvironmentConfig;
import oasis.config.YamlPositions;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;

/**
 * Production safety, for production-like environments (target kubernetes, or named production):
 * Kafka with TLS and SASL, replication of at least 3, no PLAINTEXT listener, secrets from a secret
 * manager rather than an {@code .env} file.
 */
public final class ProductionSafetyCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of("protocols", "minReplicas", "schema");

  private final List<String> protocols;
  private final int minReplicas;
  private final String schema;

  public ProductionSafetyCheck(Params params) {
    this.protocols = params.strings("protocols", List.of("SASL_SSL"));
    this.minReplicas = params.integer("minReplicas", 3);
    this.schema = params.string("schema", "environments/variables.yaml");
  }

  @Override
  public CheckResult run(CheckContext context) {
    String name = context.environment();
    EnvironmentConfig env = context.env();
    if (!context.productionLike()) {
      return CheckResult.skip(name + " is not production-like (target " + env.target() + ")");
    }
    Path oasisYaml = context.relative(context.project().file());
    YamlPositions positions;
    try {
      positions = YamlPositions.of(context.project().file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + context.project().file(), e);
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> secrets = secretNames(context);
    kafka(name, env, oasisYaml, positions, findings);
    vars(name, env, secrets, oasisYaml, positions, findings);
    envFiles(context, secrets, findings);
    return CheckResult.of(
        findings,
        name
            + ": Kafka "
            + env.kafka().securityProtocol()
            + " ("
            + env.kafka().saslMechanism()
            + "), replicas "
            + env.kafka().replicas()
            + ", no PLAINTEXT listener, secrets from a manager");
  }

  /** The environment's Kafka: a TLS protocol, a SASL mechanism, enough replicas, no PLAINTEXT. */
  private void kafka(
      String name,
      EnvironmentConfig env,
      Path oasisYaml,
      YamlPositions positions,
      List<Finding> findings) {
    String at = "environments/" + name + "/kafka";
    String protocol = env.kafka().securityProtocol();
    if (!protocols.contains(protocol)) {
      findings.add(
          Finding.fail(
              oasisYaml,
              positions.line(at + "/securityProtocol"),
              "Kafka of "
                  + name
                  + " uses "
                  + protocol
                  + (protocol.contains("PLAINTEXT") ? ": a PLAINTEXT listener (no TLS)" : "")
                  + "",
              "set 'securityProtocol: "
                  + protocols.get(0)
                  + "' (TLS and SASL) with a saslMechanism such as SCRAM-SHA-512"));
    }
    if (protocol.startsWith("SASL")
        && (env.kafka().saslMechanism() == null || env.kafka().saslMechanism().isBlank())) {
      findings.add(
          Finding.fail(
              oasisYaml,
              positions.line(at),
              "Kafka of " + name + " uses SASL without a mechanism",
              "set 'saslMechanism: SCRAM-SHA-512'"));
    }
    if (env.kafka().replicas() < minReplicas) {
      findings.add(
          Finding.fail(
              oasisYaml,
              positions.line(at + "/replicas"),
              "Kafka replication of "
                  + name
                  + " is "
                  + env.kafka().replicas()
                  + ", below "
                  + minReplicas,
              "set 'replicas: " + minReplicas + "' or more"));
    }
    plaintext(
        oasisYaml,
        positions.line(at + "/bootstrap"),
        "kafka.bootstrap",
        env.kafka().bootstrap(),
        findings);
  }

  /** The environment's variables in oasis.yaml: no PLAINTEXT address, secrets by reference. */
  private static void vars(
      String name,
      EnvironmentConfig env,
      Set<String> secrets,
      Path oasisYaml,
      YamlPositions positions,
      List<Finding> findings) {
    env.vars()
        .forEach(
            (k, v) ->
                plaintext(
                    oasisYaml,
                    positions.line("environments/" + name + "/vars/" + k),
                    k,
                    v,
                    findings));
    for (Map.Entry<String, String> e : env.vars().entrySet()) {
      if (secrets.contains(e.getKey())
          && !VariablesSchema.MANAGER_REFERENCE.matcher(e.getValue()).matches()) {
        findings.add(
            secretFinding(
                oasisYaml,
                positions.line("environments/" + name + "/vars/" + e.getKey()),
                e.getKey()));
      }
    }
  }

  /** The variables the schema marks secret; none without a schema. */
  private Set<String> secretNames(CheckContext context) {
    Path schemaFile = context.dir().resolve(schema);
    return Files.isRegularFile(schemaFile)
        ? Set.copyOf(
            VariablesSchema.load(context.dir(), schemaFile).variables().values().stream()
                .filter(VariablesSchema.Variable::secret)
                .map(VariablesSchema.Variable::name)
                .toList())
        : Set.of();
  }

  /** The example and the environment's own .env file: the same rules, line by line. */
  private static void envFiles(CheckContext context, Set<String> secrets, List<Finding> findings) {
    List<Path> envFiles = new ArrayList<>();
    envFiles.add(
        context.dir().resolve("environments").resolve(context.environment() + ".env.example"));
    if (context.env().envFile() != null) {
      envFiles.add(context.dir().resolve(context.env().envFile()));
    }
    for (Path f : envFiles) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      DotEnvLines file = DotEnvLines.read(f);
      Path shown = context.relative(f);
      for (DotEnvLines.Entry e : file.entries().values()) {
        if (e.commented()) {
          continue;
        }
        plaintext(shown, e.line(), e.name(), e.value(), findings);
        if (secrets.contains(e.name())
            && !e.value().isEmpty()
            && !VariablesSchema.MANAGER_REFERENCE.matcher(e.value()).matches()) {
          findings.add(secretFinding(shown, e.line(), e.name()));
        }
      }
    }
  }

  private static Finding secretFinding(Path file, int line, String name) {
    return Finding.fail(
        file,
        line,
        name + " does not come from a secret manager in production",
        "reference it: "
            + name
            + "=vault:<path>#<key> (or aws-sm:, gcp-sm:, azure-kv:, k8s-secret:)");
  }

  private static void plaintext(
      Path file, int line, String name, String value, List<Finding> findings) {
    if (value == null) {
      return;
    }
    boolean listener = value.contains("PLAINTEXT://");
    boolean protocol = name.endsWith("SECURITY_PROTOCOL") && value.strip().endsWith("PLAINTEXT");
    if (listener || protocol) {
      findings.add(
          Finding.fail(
              file,
              line,
              name + " uses a PLAINTEXT listener (" + value + ")",
              "use the SASL_SSL listener (e.g. SASL_SSL://broker:9093)"));
    }
  }
}
