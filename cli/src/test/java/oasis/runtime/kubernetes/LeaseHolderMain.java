package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;

/**
 * A second oasis process for {@link LeaseKillIT}: once a line arrives on its standard input, takes
 * the environment's Lease on the API server at {@code args[0]} (namespace {@code args[1]}, TTL
 * {@code args[2]} s), says so, and renews it until it is killed. Waiting for the line lets the test
 * start the next holder's JVM while it waits out the last one's TTL.
 */
public final class LeaseHolderMain {

  private LeaseHolderMain() {}

  public static void main(String[] args) throws Exception {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl(args[0])
                    .withTrustCerts(true)
                    .withNamespace(args[1])
                    .build())
            .build();
    // Warm: the first request of a cold JVM loads the HTTP client; on a loaded machine it took
    // longer than the test's TTL, and the Lease written then was expired as soon as it was read.
    client.leases().inNamespace(args[1]).withName("oasis-lock-production").get();
    if (new java.io.BufferedReader(new java.io.InputStreamReader(System.in, "UTF-8")).readLine()
        == null) {
      return; // the test ended before this holder's turn
    }
    LeaseLock.acquire(
        client,
        args[1],
        "production",
        "deploy --env production",
        Clock.systemUTC(),
        Integer.parseInt(args[2]),
        System.err::println);
    System.out.println("held " + ProcessHandle.current().pid());
    System.out.flush();
    new java.util.concurrent.CountDownLatch(1).await();
  }
}
