package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import oasis.core.OasisException;
import oasis.state.EnvironmentLock;
import oasis.state.LockOwner;

/**
 * The environment's lock as a {@code coordination.k8s.io/v1} Lease: its holder identity names the
 * command, a daemon thread renews it while the command runs, and a command that died stops renewing
 * it, so the next one takes it over after {@code leaseSeconds}: a killed oasis never wedges the
 * environment. Taking it is a create or an update at the resource version read (409: lost the
 * race).
 */
final class LeaseLock extends EnvironmentLock {

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String identity;
  private final Clock clock;
  private final ScheduledExecutorService renewer;
  private volatile boolean held = true;

  private LeaseLock(
      LockOwner owner,
      KubernetesClient client,
      String namespace,
      String name,
      Clock clock,
      int seconds,
      Consumer<String> notices) {
    super(owner);
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.identity = identity(owner);
    this.clock = clock;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "oasis-lease-renewer");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(500, seconds * 1000L / 3);
    renewer.scheduleAtFixedRate(() -> renew(notices), every, every, TimeUnit.MILLISECONDS);
  }

  /** The holder of the Lease {@code oasis-lock-<env>} while it renews it, or empty. */
  static java.util.Optional<String> liveHolder(
      KubernetesClient client, String namespace, String env, Clock clock) {
    Lease live = client.leases().inNamespace(namespace).withName("oasis-lock-" + env).get();
    if (live == null || live.getSpec() == null) {
      return java.util.Optional.empty();
    }
    String holder = live.getSpec().getHolderIdentity();
    Instant expires = expiry(live);
    return holder != null && expires != null && expires.isAfter(clock.instant())
        ? java.util.Optional.of(holder)
        : java.util.Optional.empty();
  }

  /** Takes the Lease {@code oasis-lock-<env>}, or fails with exit 3 naming its live holder. */
  static LeaseLock acquire(
      KubernetesClient client,
      String namespace,
      String env,
      String command,
      Clock clock,
      int seconds,
      Consumer<String> notices) {
    LockOwner owner = EnvironmentLock.me(command, clock);
    String name = "oasis-lock-" + env;
    Lease live = client.leases().inNamespace(namespace).withName(name).get();
    // Stamped after the read, not before it: a slow first request (a cold process on a loaded
    // machine) must not write a Lease that is already close to expiry.
    Instant now = clock.instant();
    Lease mine =
        new LeaseBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(Labels.MANAGED_BY, "oasis")
            .addToLabels(ClusterLedger.LEDGER, env)
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity(identity(owner))
            .withLeaseDurationSeconds(seconds)
            .withAcquireTime(micro(now))
            .withRenewTime(micro(now))
            .withLeaseTransitions(transitions(live))
            .endSpec()
            .build();
    try {
      if (live == null) {
        client.leases().inNamespace(namespace).resource(mine).create();
      } else {
        String holder = live.getSpec().getHolderIdentity();
        Instant expires = expiry(live);
        if (holder != null && expires != null && expires.isAfter(now)) {
          throw busy(env, holder, Duration.between(now, expires));
        }
        if (holder != null) {
          notices.accept(
              "took over the lock of environment '"
                  + env
                  + "' from "
                  + holder
                  + ": its Lease expired (the command stopped renewing it)");
        }
        mine.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
        client.leases().inNamespace(namespace).resource(mine).update();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      Lease winner = client.leases().inNamespace(namespace).withName(name).get();
      String holder = winner == null ? "another command" : winner.getSpec().getHolderIdentity();
      throw busy(env, holder, Duration.ofSeconds(seconds));
    }
    return new LeaseLock(owner, client, namespace, name, clock, seconds, notices);
  }

  private static OasisException busy(String env, String holder, Duration left) {
    return OasisException.conflict(
        "environment '" + env + "' is busy: " + holder,
        "Wait for it to finish, or stop that process; its Lease expires "
            + Math.max(1, left.toSeconds())
            + " s after it stops renewing it, and the next command proceeds by itself.");
  }

  static String identity(LockOwner owner) {
    return owner.describe();
  }

  private void renew(Consumer<String> notices) {
    if (!held) {
      return;
    }
    try {
      client
          .leases()
          .inNamespace(namespace)
          .withName(name)
          .edit(
              l -> {
                if (!identity.equals(l.getSpec().getHolderIdentity())) {
                  throw new IllegalStateException("lost to " + l.getSpec().getHolderIdentity());
                }
                l.getSpec().setRenewTime(micro(clock.instant()));
                return l;
              });
    } catch (RuntimeException e) {
      notices.accept(
          "  warning: cannot renew the environment's Lease " + name + ": " + e.getMessage());
    }
  }

  /** Stops renewing and releases the Lease if this command still holds it. */
  @Override
  public void close() {
    if (!held) {
      return;
    }
    held = false;
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Lease live = client.leases().inNamespace(namespace).withName(name).get();
    if (live != null && identity.equals(live.getSpec().getHolderIdentity())) {
      live.getSpec().setHolderIdentity(null);
      live.getSpec().setRenewTime(null);
      try {
        client.leases().inNamespace(namespace).resource(live).update();
      } catch (KubernetesClientException e) {
        // Taken over meanwhile (we were too slow to renew): it is no longer ours to release.
      }
    }
  }

  private static Instant expiry(Lease lease) {
    ZonedDateTime renewed = lease.getSpec().getRenewTime();
    Integer seconds = lease.getSpec().getLeaseDurationSeconds();
    if (renewed == null || seconds == null) {
      return null;
    }
    return renewed.toInstant().plusSeconds(seconds);
  }

  private static Integer transitions(Lease live) {
    if (live == null || live.getSpec().getLeaseTransitions() == null) {
      return 0;
    }
    return live.getSpec().getLeaseTransitions() + 1;
  }

  private static ZonedDateTime micro(Instant t) {
    return t.atZone(ZoneOffset.UTC);
  }
}
