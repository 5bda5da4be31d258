package oasis.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;

/**
 * Two oasis processes on one environment: while the first holds the Lease the second exits 3 naming
 * it; after the first is SIGKILLed (no release, no cleanup), the next command proceeds by itself
 * once the Lease's TTL has passed. Twenty times; each next holder's JVM starts during the last
 * one's TTL, so a trial costs the TTL rather than the TTL and a JVM start.
 */
@EnableKubernetesMockClient(crud = true)
class LeaseKillIT {

  static final String NS = "oasis-prod";
  // Short, yet long enough for a renewal to land on a machine that other builds load.
  static final int TTL = 5;

  static {
    QuietMockServer.quiet();
  }

  KubernetesClient client;

  @Test
  void aKilledHolderNeverWedgesTheEnvironment() throws Exception {
    Process next = start();
    try {
      for (int trial = 0; trial < 20; trial++) {
        Process holder = next;
        next = null;
        try {
          holder.getOutputStream().write('\n'); // its turn: take the Lease
          holder.getOutputStream().flush();
          long pid = awaitHeld(holder);
          assertThatThrownBy(() -> acquire().close())
              .as(
                  "trial %d: the Lease while pid %d holds it: %s",
                  trial,
                  pid,
                  client.leases().inNamespace(NS).withName("oasis-lock-production").get())
              .isInstanceOf(OasisException.class)
              .satisfies(
                  e ->
                      assertThat(((OasisException) e).kind())
                          .isEqualTo(OasisException.Kind.CONFLICT))
              .hasMessageContaining("is busy: pid " + pid);
          holder.destroyForcibly(); // SIGKILL: the Lease is neither released nor renewed
          assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
          Instant killed = Instant.now();
          if (trial < 19) {
            next = start(); // its JVM starts while the Lease runs out
          }
          awaitFree(trial, killed).close();
        } finally {
          holder.destroyForcibly();
        }
      }
    } finally {
      if (next != null) {
        next.destroyForcibly();
      }
    }
  }

  /** The Lease, taken by this process as soon as the killed holder's TTL has passed. */
  private LeaseLock awaitFree(int trial, Instant killed) {
    while (true) {
      try {
        return acquire();
      } catch (OasisException busy) {
        assertThat(Duration.between(killed, Instant.now()))
            .as("trial %d: still busy long after the TTL", trial)
            .isLessThan(Duration.ofSeconds(TTL + 5));
        oasis.core.Durations.pause(100);
      }
    }
  }

  private LeaseLock acquire() {
    return LeaseLock.acquire(
        client, NS, "production", "rollback --env production", Clock.systemUTC(), TTL, s -> {});
  }

  private Process start() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            LeaseHolderMain.class.getName(),
            client.getMasterUrl().toString(),
            NS,
            String.valueOf(TTL))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static long awaitHeld(Process p) throws Exception {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    String held = line.get(60, TimeUnit.SECONDS);
    assertThat(held).startsWith("held ");
    return Long.parseLong(held.substring(5).strip());
  }
}
