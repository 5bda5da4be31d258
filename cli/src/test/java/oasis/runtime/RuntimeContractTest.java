package oasis.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeContractTest {

  private static PlannedInstance instance(String name, InstanceKind kind, Map<String, Integer> p) {
    return new PlannedInstance(name, name, kind, "stable", null, null, Map.of(), p, List.of());
  }

  @Test
  void aServiceGetsItsPeersWiringAndItsOwnPortsComponentAndTrack() {
    PlannedInstance om =
        instance("order-manager", InstanceKind.SERVICE, Map.of("grpc", 50052, "metrics", 9094));

    Map<String, String> env =
        RuntimeContract.environment(
            om, om.ports(), Map.of("KAFKA_BROKERS", "kafka:19092"), "/unused");

    assertThat(env)
        .containsEntry("KAFKA_BROKERS", "kafka:19092")
        .containsEntry("ORDER_MANAGER_GRPC_PORT", "50052")
        .containsEntry("ORDER_MANAGER_METRICS_PORT", "9094")
        .containsEntry("OASIS_COMPONENT", "order-manager")
        .containsEntry("OASIS_TRACK", "stable")
        .doesNotContainKey("KAFKA_LOG_DIR");
  }

  @Test
  void theBrokerGetsItsPortsAndTheTargetsDataDirectoryAndNoWiring() {
    PlannedInstance kafka =
        instance("kafka", InstanceKind.KAFKA, Map.of("bootstrap", 19092, "controller", 19093));

    assertThat(
            RuntimeContract.environment(
                kafka, kafka.ports(), Map.of("KAFKA_BROKERS", "x"), "/data/kafka"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "KAFKA_PORT", "19092",
                "KAFKA_CONTROLLER_PORT", "19093",
                "KAFKA_LOG_DIR", "/data/kafka"));
  }

  @Test
  void redisListensWhereTheTargetSaysAndKeepsNothingOnDisk() {
    assertThat(RuntimeContract.redisArguments(List.of("--port", "6379"), "/tmp"))
        .containsExactly("--port", "6379", "--save", "", "--appendonly", "no", "--dir", "/tmp");
    assertThat(RuntimeContract.infrastructure(false)).containsExactly(InstanceKind.KAFKA);
    assertThat(RuntimeContract.infrastructure(true))
        .containsExactlyInAnyOrder(InstanceKind.KAFKA, InstanceKind.REDIS);
  }

  @Test
  void endpointsNameMetricsAsAUrlRedisByItsSchemeAndSkipWhatIsNotPublished() {
    Map<String, Integer> ports = new HashMap<>();
    ports.put("metrics", 9094);
    ports.put("grpc", 50052);
    ports.put("redis", 6379);
    ports.put("bootstrap", null);

    assertThat(Endpoints.of("127.0.0.1", ports, false))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "metrics", "http://127.0.0.1:9094/metrics",
                "grpc", "127.0.0.1:50052",
                "redis", "redis://127.0.0.1:6379"));
    assertThat(Endpoints.of("h", Map.of("redis", 1), true)).containsEntry("redis", "rediss://h:1");
  }

  /** A target that has not published a port, and a broker that has not said it is ready. */
  private static InstanceProbes.Observed unpublished(boolean readyLine) {
    return new InstanceProbes.Observed() {
      @Override
      public Integer port(String name) {
        return null;
      }

      @Override
      public boolean logShows(String line) {
        return readyLine && line.equals(RuntimeContract.KAFKA_READY_LINE);
      }

      @Override
      public String logPlace() {
        return "in the log of oasis-stg-kafka";
      }
    };
  }

  @Test
  void theBrokerIsReadyOnlyAfterItsReadyLineAndOnItsBootstrapPort() {
    assertThat(InstanceProbes.ready(InstanceKind.KAFKA, unpublished(false)))
        .isEqualTo("no 'oasis-kafka ready' line yet in the log of oasis-stg-kafka");
    assertThat(InstanceProbes.ready(InstanceKind.KAFKA, unpublished(true)))
        .isEqualTo("bootstrap port not published");
    assertThat(InstanceProbes.ready(InstanceKind.REDIS, unpublished(true)))
        .isEqualTo("redis port not published");
    assertThat(InstanceProbes.ready(InstanceKind.SERVICE, unpublished(true)))
        .as("a service with no probe ports has nothing to wait for")
        .isNull();
  }
}
