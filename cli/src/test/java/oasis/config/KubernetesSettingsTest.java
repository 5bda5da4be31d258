package oasis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubernetes keys of oasis.yaml: providers, workloads, autoscale, expose, lease TTL. */
class KubernetesSettingsTest {

  @TempDir Path dir;

  @Test
  void theRepositorysProductionUsesStrimziAutoscalingAndAnIngress() {
    Project p = ProjectLoader.load(Path.of("").toAbsolutePath().getParent());
    KubernetesSettings k = p.environment("production").getValue().kubernetes();
    assertThat(k.kafka().provider()).isEqualTo("strimzi");
    assertThat(k.redis().provider()).isEqualTo("statefulset");
    assertThat(k.workload("risk-engine").replicas()).isEqualTo(2);
    assertThat(k.workload("risk-engine").autoscale().max()).isEqualTo(6);
    assertThat(k.workload("order-manager").expose().tlsSecret()).isEqualTo("oasis-orders-tls");
    assertThat(k.workload("coinbase-connector").replicas()).isEqualTo(1);
    assertThat(k.leaseSeconds()).isEqualTo(15);
  }

  @Test
  void badKeysNameTheirLinesAndTheFix() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: k
        components:
          a: {module: m, mainClass: A, ports: {grpc: 1, metrics: 2}}
        infrastructure:
          kafka: {kind: kafka, topics: {t: {partitions: 1}}}
        environments:
          k:
            target: kubernetes
            namespace: Bad_NS
            kubernetes:
              leaseSeconds: 1
              kafka: {provider: confluent}
              redis: {provider: external}
              components:
                a:
                  autoscale: {min: 3, max: 2, cpu: 70}
                  expose: {host: a.example.com}
                  reads: [nope]
                ghost: {replicas: 2}
        """);
    assertThatThrownBy(() -> ProjectLoader.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs a Kubernetes namespace")
        .hasMessageContaining("Kafka provider 'confluent' is unknown")
        .hasMessageContaining("an external Redis needs a url")
        .hasMessageContaining("leaseSeconds 1 is outside 2..300")
        .hasMessageContaining("autoscale of 'a' needs 1 <= min <= max")
        .hasMessageContaining("expose of 'a' needs a DNS host and the name of its TLS Secret")
        .hasMessageContaining("Kafka topic 'nope', which is not declared")
        .hasMessageContaining("'ghost' is not a component");
  }

  @Test
  void anUnknownKeyIsRefused() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: k
        components:
          a: {module: m, mainClass: A}
        environments:
          k:
            target: kubernetes
            namespace: ns
            kubernetes: {replicas: 3}
        """);
    assertThatThrownBy(() -> ProjectLoader.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("replicas");
  }
}
