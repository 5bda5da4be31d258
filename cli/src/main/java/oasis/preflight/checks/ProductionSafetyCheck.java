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
    String at = "environments/" + name + "/kafka";
    List<Finding> findings = new ArrayList<>();
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
    env.vars()
        .forEach(
            (k, v) ->
                plaintext(
                    oasisYaml,
                    positions.line("environments/" + name + "/vars/" + k),
                    k,
                    v,
                    findings));

    Path schemaFile = context.dir().resolve(schema);
    Set<String> secrets =
        Files.isRegularFile(schemaFile)
            ? Set.copyOf(
                VariablesSchema.load(context.dir(), schemaFile).variables().values().stream()
                    .filter(VariablesSchema.Variable::secret)
                    .map(VariablesSchema.Variable::name)
                    .toList())
            : Set.of();
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
    List<Path> envFiles = new ArrayList<>();
    envFiles.add(context.dir().resolve("environments").resolve(name + ".env.example"));
    if (env.envFile() != null) {
      envFiles.add(context.dir().resolve(env.envFile()));
    }
    for (Path f : envFiles) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      EnvFile file = EnvFile.read(f);
      Path shown = context.relative(f);
      for (EnvFile.Entry e : file.entries().values()) {
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
    return CheckResult.of(
        findings,
        name
            + ": Kafka "
            + protocol
            + " ("
            + env.kafka().saslMechanism()
            + "), replicas "
            + env.kafka().replicas()
            + ", no PLAINTEXT listener, secrets from a manager");
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
