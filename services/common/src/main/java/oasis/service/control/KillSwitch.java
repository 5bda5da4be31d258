package oasis.service.control;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import oasis.control.v1.ControlCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime kill switch, set by {@code SetKillSwitch} control commands. The command issued last
 * wins (by issued_at), whatever order they arrive in; actions registered with {@link #onEngage} run
 * each time it goes from released to engaged.
 */
public final class KillSwitch {
  private static final Logger LOG = LoggerFactory.getLogger(KillSwitch.class);

  private record State(boolean engaged, String reason, Instant issuedAt) {}

  private State state = new State(false, "", Instant.EPOCH);
  private final List<Consumer<String>> onEngage = new CopyOnWriteArrayList<>();

  /** Whether trading is stopped. */
  public synchronized boolean engaged() {
    return state.engaged();
  }

  /** Why it is engaged (empty when released). */
  public synchronized String reason() {
    return state.engaged() ? state.reason() : "";
  }

  /** Runs {@code action} with the reason every time the switch is engaged. */
  public void onEngage(Consumer<String> action) {
    onEngage.add(action);
  }

  /**
   * Applies {@code command} if it is a kill-switch command newer than the last one applied; returns
   * whether it changed the switch.
   */
  public boolean apply(ControlCommand command) {
    if (!command.hasSetKillSwitch()) {
      return false;
    }
    Instant issuedAt =
        Instant.ofEpochSecond(command.getIssuedAt().getSeconds(), command.getIssuedAt().getNanos());
    boolean engaged = command.getSetKillSwitch().getEngaged();
    String reason = command.getSetKillSwitch().getReason();
    boolean engagedNow;
    synchronized (this) {
      if (issuedAt.isBefore(state.issuedAt())) {
        return false;
      }
      engagedNow = engaged && !state.engaged();
      boolean changed = engaged != state.engaged();
      state = new State(engaged, reason, issuedAt);
      if (!changed) {
        return false;
      }
    }
    LOG.warn(
        "kill switch {} by {} (command {}): {}",
        engaged ? "ENGAGED" : "released",
        command.getIssuedBy(),
        command.getCommandId(),
        reason);
    if (engagedNow) {
      for (Consumer<String> action : onEngage) {
        try {
          action.accept(reason);
        } catch (RuntimeException e) {
          LOG.error("an action on the kill switch failed: {}", e.toString());
        }
      }
    }
    return true;
  }
}
