package oasis.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import oasis.core.Durations;
import oasis.core.OasisException;
import oasis.deploy.rollout.Control;
import oasis.deploy.rollout.Decision;
import oasis.deploy.rollout.Phase;
import oasis.deploy.rollout.RolloutState;
import oasis.deploy.rollout.RolloutStore;
import oasis.state.EnvironmentLock;
import oasis.state.Ledger;
import oasis.state.RevisionState;

/**
 * {@code oasis rollout status|promote|abort|pause|resume}: a request goes to the command that
 * drives the rollout; when that command is gone (it crashed or was interrupted), this one takes the
 * lock and carries the request out itself, so a rollout never stays wedged.
 */
public final class Rollouts {

  /**
   * A rollout as status shows it.
   *
   * @param environment the environment
   * @param state {@code none}, a phase, or {@code interrupted} (no command drives it)
   * @param driver pid of the command that drives it, while it runs
   * @param note what to do next, for people
   * @param rollout the persisted rollout (null when none)
   */
  public record Status(
      String environment, String state, Long driver, String note, RolloutState rollout) {}

  private static final Duration ANSWER = Duration.ofSeconds(30);
  private final ProgressiveDeployer pd;

  Rollouts(ProgressiveDeployer pd) {
    this.pd = pd;
  }

  public Status status() {
    RolloutState s = pd.store().load();
    if (s == null) {
      return new Status(pd.envName(), "none", null, "no rollout has run here", null);
    }
    if (s.phase().finished()) {
      return new Status(pd.envName(), s.phase().label(), null, s.message(), s);
    }
    if (driven(s)) {
      return new Status(pd.envName(), s.phase().label(), s.driver(), s.message(), s);
    }
    boolean inFlight =
        pd.revisions()
            .ledger()
            .get(s.revision())
            .map(r -> r.state() == RevisionState.PROGRESSING)
            .orElse(false);
    return new Status(
        pd.envName(),
        inFlight ? "interrupted" : "aborted",
        null,
        inFlight
            ? "the command that drove it is gone; 'oasis rollout resume' continues it,"
                + " 'oasis rollout abort' rolls it back"
            : "resolved by a later command (its revision is no longer in flight)",
        s);
  }

  /**
   * The rollout of {@code revision} as status shows it: the last one, or an earlier one still kept
   * (an earlier one that never finished was resolved by a later command); null when none is kept.
   */
  public Status status(int revision) {
    Status last = status();
    if (last.rollout() != null && last.rollout().revision() == revision) {
      return last;
    }
    RolloutState s = pd.store().load(revision);
    if (s == null) {
      return null;
    }
    return s.phase().finished()
        ? new Status(pd.envName(), s.phase().label(), null, s.message(), s)
        : new Status(pd.envName(), "aborted", null, "resolved by a later command (interrupted)", s);
  }

  /** The revisions whose rollout is kept, oldest first. */
  public java.util.List<Integer> kept() {
    return pd.store().revisions();
  }

  /** Carries out {@code c}; returns what happened, for people. */
  public String request(Control c, Duration timeout) {
    RolloutState s = pd.store().load();
    if (s == null || s.phase().finished()) {
      throw noRollout(s);
    }
    if (c != Control.ABORT && c != Control.PAUSE) {
      // the version goes (further) into the environment: the gate holds here as on deploy
      pd.gate().admit(s.version());
    }
    if (driven(s)) {
      return toDriver(pd.store(), s.driver(), c);
    }
    try (EnvironmentLock lock = pd.revisions().lock()) {
      Ledger ledger = pd.revisions().ledger();
      boolean inFlight =
          ledger.get(s.revision()).map(r -> r.state() == RevisionState.PROGRESSING).orElse(false);
      if (!inFlight) {
        settleInterrupted(ledger);
        throw OasisException.conflict(
            "rollout " + s.revision() + " was already resolved by a later command",
            "See 'oasis history'.");
      }
      pd.progress()
          .accept("rollout " + s.revision() + ": its command is gone; " + c.label() + " here");
      TargetRolloutActions actions = pd.actions(timeout);
      return switch (c) {
        case ABORT -> abortHere(s, c, actions);
        case PAUSE -> pauseHere(s, c);
        default -> {
          actions.setWeight(s, s.weight());
          pd.store().request(c);
          yield pd.outcome(pd.drive(s, timeout)).message();
        }
      };
    }
  }

  private OasisException noRollout(RolloutState s) {
    return OasisException.conflict(
        "no rollout in progress on '"
            + pd.envName()
            + "'"
            + (s == null
                ? ""
                : " (the last one, revision " + s.revision() + ", " + s.phase().label() + ")"),
        "Start one with 'oasis deploy --strategy canary'.");
  }

  /** Aborts a rollout whose command is gone, under the lock the caller holds. */
  private String abortHere(RolloutState s, Control c, TargetRolloutActions actions) {
    String by = Decision.person();
    RolloutState failing =
        s.decided(pd.clock().instant(), c.label(), by)
            .failing(pd.clock().instant(), "aborted by " + by + " ('oasis rollout abort')");
    pd.traffic().setWeight(s.track(), 0, s.components());
    RolloutState back = failing.trafficBack(pd.clock().instant());
    actions.abort(back, failing.message());
    pd.store()
        .save(
            back.finished(
                Phase.ABORTED, pd.clock().instant(), "aborted: " + failing.message(), by));
    return "rollout "
        + s.revision()
        + " aborted: every call is on stable, the "
        + s.track()
        + " track is stopped, revision "
        + s.revision()
        + " failed";
  }

  /** Pauses a rollout whose command is gone, under the lock the caller holds. */
  private String pauseHere(RolloutState s, Control c) {
    pd.store()
        .save(
            s.decided(pd.clock().instant(), c.label(), Decision.person())
                .paused(null, "paused by 'oasis rollout pause'", false)
                .drivenBy(null));
    return "rollout " + s.revision() + " paused; 'oasis rollout resume' continues it";
  }

  /**
   * A rollout whose revision a later command resolved (marked failed) is aborted for good: its
   * weights go back to stable so no caller keeps a route to a stopped track.
   */
  void settleInterrupted(Ledger ledger) {
    RolloutState s = pd.store().load();
    if (s == null || s.phase().finished()) {
      return;
    }
    boolean inFlight =
        ledger.get(s.revision()).map(r -> r.state() == RevisionState.PROGRESSING).orElse(false);
    if (!inFlight) {
      pd.traffic().setWeight(s.track(), 0, s.components());
      pd.store()
          .save(
              s.trafficBack(pd.clock().instant())
                  .finished(
                      Phase.ABORTED,
                      pd.clock().instant(),
                      "aborted: interrupted, and resolved by a later command",
                      Decision.OASIS));
    }
  }

  /**
   * Whether a live command drives {@code s}: the live holder of the environment's lock, wherever
   * the target keeps it (a kubernetes Lease names its holder as the lock file does: "pid N on host
   * (...)").
   */
  private boolean driven(RolloutState s) {
    return s.driver() != null
        && pd.revisions()
            .liveHolder()
            .map(h -> h.startsWith("pid " + s.driver() + " on "))
            .orElse(false);
  }

  /** The same from the lock file alone, for the fast path that reads no config (local disk). */
  private static boolean driven(Path envDir, Long driver) {
    if (driver == null) {
      return false;
    }
    var holder = EnvironmentLock.holder(envDir);
    return holder != null && holder.pid() == driver && EnvironmentLock.alive(holder);
  }

  /**
   * An abort or pause for the deploy command that drives the rollout whose state is in {@code
   * envDir}, asked without reading oasis.yaml or reaching the target: that command, warm, acts on
   * it within a tick, so calls are back on stable within a few tenths of a second of the request (a
   * blue/green abort inside its warm window). Empty when no live command drives a rollout there:
   * the caller then takes the whole path of {@link #request}.
   */
  public static Optional<String> toDriver(Path envDir, Control c) {
    if (c != Control.ABORT && c != Control.PAUSE) {
      throw new IllegalArgumentException(c + " admits a version: the promotion gate decides");
    }
    if (!Files.isRegularFile(envDir.resolve(RolloutStore.STATE_FILE))) {
      return Optional.empty();
    }
    RolloutStore store = new RolloutStore(envDir);
    RolloutStore.Glance s = store.glance();
    if (s == null || s.phase().finished() || !driven(envDir, s.driver())) {
      return Optional.empty();
    }
    return Optional.of(toDriver(store, s.driver(), c));
  }

  /** Hands {@code c} to the command {@code driver} and waits until it was carried out. */
  private static String toDriver(RolloutStore store, Long driver, Control c) {
    store.request(c);
    long deadline = System.nanoTime() + ANSWER.toNanos();
    while (System.nanoTime() < deadline) {
      RolloutStore.Glance now = store.glance();
      boolean taken = !store.pending();
      // an abort is answered once it is over (the new track stopped, the revision failed), not at
      // the switch (recorded first): a command run next finds the environment settled
      if (taken && (c != Control.ABORT || now.phase().finished())) {
        return c.label() + ": done by the deploy command (pid " + driver + "); " + now.message();
      }
      Durations.pause(10); // the answer comes within a tick of the driver's: look as often
    }
    throw OasisException.failed(
        "the deploy command (pid "
            + driver
            + ") did not take the request within "
            + ANSWER.toSeconds()
            + " s",
        "See 'oasis rollout status'; if that command hangs, stop it and run this again.");
  }
}
