package oasis.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Checks one entry of {@code environments:}; problems name the key's line. */
final class EnvironmentValidator {

  private final ProjectConfig config;
  private final RolloutValidator.Reporter reporter;

  EnvironmentValidator(ProjectConfig config, RolloutValidator.Reporter reporter) {
    this.config = config;
    this.reporter = reporter;
  }

  void validate(String name, EnvironmentConfig env) {
    String at = "environments/" + name;
    if (env == null) {
      reporter.report(at, "environment '" + name + "' is empty", "set at least 'target: local'");
      return;
    }
    // the order of the checks is the order of the problems reported
    lifecycle(at, name, env);
    kafkaReplicas(at, env);
    windowAndDocker(at, name, env);
    kubernetes(at, name, env);
    portsAndTls(at, name, env);
    new RolloutValidator(config, at + "/rollout", reporter).validate(env.rollout());
    kafkaProtocol(at, env);
  }

  /** Where it runs, which environment it follows, how many revisions it keeps. */
  private void lifecycle(String at, String name, EnvironmentConfig env) {
    if (!ProjectValidator.TARGETS.contains(env.target())) {
      reporter.report(
          at + "/target",
          "environment '" + name + "' has target '" + env.target() + "'",
          "use one of: " + String.join(", ", sorted(ProjectValidator.TARGETS)));
    }
    if (env.predecessor() != null
        && (env.predecessor().equals(name)
            || !config.environments().containsKey(env.predecessor()))) {
      reporter.report(
          at + "/predecessor",
          "environment '" + name + "' has predecessor '" + env.predecessor() + "'",
          "name another declared environment");
    }
    if (env.historyLimit() < 2) {
      reporter.report(
          at + "/historyLimit",
          "historyLimit "
              + env.historyLimit()
              + " cannot keep the current and the last healthy revision",
          "use 2 or more (default " + EnvironmentConfig.DEFAULT_HISTORY_LIMIT + ")");
    }
  }

  private void kafkaReplicas(String at, EnvironmentConfig env) {
    if (env.kafka().replicas() < 1) {
      reporter.report(
          at + "/kafka/replicas", "Kafka replicas must be at least 1", "set 'replicas: 1' or more");
    }
  }

  private void kafkaProtocol(String at, EnvironmentConfig env) {
    if (!ProjectValidator.KAFKA_PROTOCOLS.contains(env.kafka().securityProtocol())) {
      reporter.report(
          at + "/kafka/securityProtocol",
          "unknown Kafka security protocol '" + env.kafka().securityProtocol() + "'",
          "use one of: " + String.join(", ", sorted(ProjectValidator.KAFKA_PROTOCOLS)));
    }
  }

  private void windowAndDocker(String at, String name, EnvironmentConfig env) {
    if (env.deployWindow() != null) {
      for (String problem : env.deployWindow().problems()) {
        reporter.report(
            at + "/deployWindow",
            "deployWindow of '" + name + "': " + problem,
            "write e.g. {days: [MON, TUE], start: \"08:00\", end: \"16:00\","
                + " zone: Europe/London}");
      }
    }
    for (String[] p : env.docker().problems()) {
      reporter.report(at + "/docker/" + p[0], "environment '" + name + "': " + p[1], p[2]);
    }
  }

  private void portsAndTls(String at, String name, EnvironmentConfig env) {
    if (env.portOffset() < 0 || env.portOffset() > 30000) {
      reporter.report(
          at + "/portOffset",
          "portOffset " + env.portOffset() + " is outside 0..30000",
          "use e.g. 1000: every declared port plus the offset must stay below 65536");
    }
    if (env.tls() != null) {
      boolean productionLike = "kubernetes".equals(env.target()) || "production".equals(name);
      for (String[] p : env.tls().problems(productionLike)) {
        reporter.report(at + "/tls/" + p[0], "environment '" + name + "': " + p[1], p[2]);
      }
    }
  }

  private void kubernetes(String at, String name, EnvironmentConfig env) {
    if (!"kubernetes".equals(env.target())) {
      return;
    }
    if (env.namespace() == null
        || env.namespace().isBlank()
        || !env.namespace().matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?")) {
      reporter.report(
          at + "/namespace",
          "environment '" + name + "' needs a Kubernetes namespace (a DNS label)",
          "set e.g. 'namespace: oasis-" + name + "'");
    }
    Set<String> topics = new TreeSet<>();
    config.infrastructure().values().stream()
        .filter(Objects::nonNull)
        .forEach(i -> topics.addAll(i.topics().keySet()));
    for (String[] p :
        env.kubernetes().problems(config.components().keySet(), topics, env.kafka().bootstrap())) {
      reporter.report(at + "/kubernetes/" + p[0], "environment '" + name + "': " + p[1], p[2]);
    }
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
