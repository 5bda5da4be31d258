package oasis.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where an environment runs: local processes, Docker containers or Kubernetes workloads. A target
 * converges to a {@link Plan}, restarting only the instances whose definition changed, and reports
 * what it observes. Tracks (stable, canary, blue, green) are just instances of a plan, so
 * progressive delivery needs only {@link #tracks()} beside them.
 */
public interface Target {

  /** {@code local}, {@code docker} or {@code kubernetes}. */
  String name();

  /** Infrastructure kinds this target can run itself (e.g. no redis without redis-server). */
  Set<InstanceKind> infrastructure();

  /**
   * Why this target cannot run {@code kind} here, in its own terms and with what to do, for the
   * plan's error or note when the project needs one it does not run.
   */
  default String unavailable(InstanceKind kind) {
    return "the " + name() + " target cannot run " + kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Converges to {@code plan}: stops what the plan drops or changes, starts what it adds, in
   * dependency order, each gated on readiness; returns once all are ready or the first failed,
   * within {@code timeout}.
   */
  ApplyResult apply(Plan plan, Duration timeout, Consumer<String> progress);

  /**
   * Converges to {@code plan} make-before-break, as a rollback wants: each changed instance starts
   * beside the one it replaces, callers move to it the moment it is ready, and the replaced one
   * stops afterwards (in the background, where the target can). Returns like {@link #apply}, once
   * the new instances serve. A target that cannot run two of an instance at once simply applies.
   */
  default ApplyResult replace(Plan plan, Duration timeout, Consumer<String> progress) {
    return apply(plan, timeout, progress);
  }

  /**
   * The traffic split between tracks and their metrics endpoints, for canary and blue/green; empty
   * when this target cannot split traffic.
   */
  default Optional<Tracks> tracks() {
    return Optional.empty();
  }

  /**
   * How oasis itself (smoke, analysis traffic) reaches an environment whose hops are secured: its
   * client certificate and Kafka login; empty when the environment runs in plaintext.
   */
  default Optional<oasis.security.ClientTls> clientTls() {
    return Optional.empty();
  }

  /** What runs now, observed live. */
  TargetStatus status();

  /** Stops every instance gracefully (then forcibly after {@code grace}) and the supervision. */
  void down(Duration grace, Consumer<String> progress);

  /**
   * The last {@code tail} log lines of an instance; with {@code follow}, then new lines until
   * interrupted.
   */
  void logs(String instance, int tail, boolean follow, Consumer<String> sink)
      throws InterruptedException;
}
