package oasis.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import oasis.core.Durations;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;

/** The environment's lock as a Lease: holder identity, renewal, release. */
@EnableKubernetesMockClient(crud = true)
class LeaseLockTest {

  static final String NS = "ns";

  static {
    QuietMockServer.quiet();
  }

  KubernetesClient client;

  LeaseLock acquire(String command) {
    return LeaseLock.acquire(client, NS, "production", command, Clock.systemUTC(), 2, s -> {});
  }

  Lease lease() {
    return client.leases().inNamespace(NS).withName("oasis-lock-production").get();
  }

  @Test
  void aLiveHolderIsNamedAndRenewsItsLease() {
    try (LeaseLock first = acquire("deploy --env production")) {
      assertThat(lease().getSpec().getHolderIdentity())
          .contains("pid " + ProcessHandle.current().pid())
          .contains("deploy --env production");
      assertThat(lease().getSpec().getLeaseDurationSeconds()).isEqualTo(2);
      Instant renewed = lease().getSpec().getRenewTime().toInstant();
      // Renewed while held: after twice the TTL it is still the holder's and busy.
      long until = System.nanoTime() + 4_000_000_000L;
      while (System.nanoTime() < until) {
        Durations.pause(200);
      }
      assertThat(lease().getSpec().getRenewTime().toInstant()).isAfter(renewed);
      assertThatThrownBy(() -> acquire("rollback --env production"))
          .isInstanceOf(OasisException.class)
          .satisfies(
              e -> assertThat(((OasisException) e).kind()).isEqualTo(OasisException.Kind.CONFLICT))
          .hasMessageContaining("environment 'production' is busy: pid")
          .hasMessageContaining("deploy --env production");
    }
    assertThat(lease().getSpec().getHolderIdentity()).as("released on close").isNull();
    acquire("status").close();
  }
}
