package oasis.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The revisions of one environment, oldest first, and which one runs. Immutable: every change
 * returns a new ledger that {@link LedgerStore} writes atomically.
 *
 * @param environment the environment's name
 * @param current the revision that runs (null before the first healthy deploy or after down)
 * @param nextRevision the number the next revision gets
 * @param revisions the kept revisions, oldest first
 */
public record Ledger(
    String environment, Integer current, int nextRevision, List<Revision> revisions) {

  public Ledger {
    revisions = revisions == null ? List.of() : List.copyOf(revisions);
    nextRevision = Math.max(nextRevision, 1);
  }

  public static Ledger empty(String environment) {
    return new Ledger(environment, null, 1, List.of());
  }

  public Optional<Revision> get(int number) {
    return revisions.stream().filter(r -> r.revision() == number).findFirst();
  }

  public Optional<Revision> currentRevision() {
    return current == null ? Optional.empty() : get(current);
  }

  /** A revision whose operation has not finished: its command runs, or died. */
  public Optional<Revision> inFlight() {
    return revisions.stream()
        .filter(r -> r.state() == RevisionState.PROGRESSING || r.state() == RevisionState.PENDING)
        .max(Comparator.comparingInt(Revision::revision));
  }

  /** The newest revision that ran healthy, the current one included. */
  public Optional<Revision> lastHealthy() {
    return revisions.stream()
        .filter(r -> r.state().wasHealthy())
        .max(Comparator.comparingInt(Revision::revision));
  }

  /**
   * Where {@code oasis rollback} without a version goes: the newest revision before the current one
   * that ran healthy and runs other artifacts than the current one (so not simply current - 1:
   * failed and rolled-back revisions are skipped).
   */
  public Optional<Revision> rollbackTarget() {
    Optional<Revision> cur = currentRevision();
    int before = cur.map(Revision::revision).orElse(Integer.MAX_VALUE);
    return revisions.stream()
        .filter(r -> r.revision() < before)
        .filter(r -> r.state().wasHealthy())
        .filter(r -> cur.map(c -> !c.sameContent(r)).orElse(true))
        .max(Comparator.comparingInt(Revision::revision));
  }

  /** Starts a revision: numbered, {@code progressing}. */
  public Ledger begin(Revision draft) {
    Revision r =
        new Revision(
            nextRevision,
            draft.version(),
            draft.commit(),
            draft.strategy(),
            RevisionState.PROGRESSING,
            draft.startedAt(),
            null,
            draft.components(),
            draft.versions(),
            draft.infrastructure(),
            draft.overrides(),
            draft.owner(),
            null);
    List<Revision> list = new ArrayList<>(revisions);
    list.add(r);
    return new Ledger(environment, current, nextRevision + 1, list);
  }

  /**
   * The revision became healthy: it is current now, and the one it replaced is superseded (or
   * rolled back when {@code rollback}).
   */
  public Ledger succeed(int number, Instant at, boolean rollback) {
    List<Revision> list = new ArrayList<>();
    for (Revision r : revisions) {
      if (r.revision() == number) {
        list.add(r.withState(RevisionState.HEALTHY, at, null));
      } else if (r.state() == RevisionState.HEALTHY) {
        boolean replacedByRollback = rollback && current != null && r.revision() == current;
        list.add(
            r.withState(
                replacedByRollback ? RevisionState.ROLLED_BACK : RevisionState.SUPERSEDED,
                r.finishedAt(),
                null));
      } else {
        list.add(r);
      }
    }
    return new Ledger(environment, number, nextRevision, list);
  }

  /** The revision failed; the current one stays current. */
  public Ledger fail(int number, Instant at, String reason) {
    return replace(number, r -> r.withState(RevisionState.FAILED, at, reason));
  }

  /** After {@code oasis down}: nothing runs. */
  public Ledger stopped() {
    return new Ledger(environment, null, nextRevision, revisions);
  }

  /** The current revision is no longer what runs (it was stopped or replaced by hand). */
  public Ledger withCurrent(Integer number) {
    return new Ledger(environment, number, nextRevision, revisions);
  }

  /**
   * Keeps at most {@code limit} revisions, dropping the oldest; never the current one, the last
   * healthy one, the rollback target, nor one in flight.
   */
  public Ledger prune(int limit) {
    if (revisions.size() <= limit) {
      return this;
    }
    Set<Integer> keep = new HashSet<>();
    if (current != null) {
      keep.add(current);
    }
    lastHealthy().ifPresent(r -> keep.add(r.revision()));
    rollbackTarget().ifPresent(r -> keep.add(r.revision()));
    inFlight().ifPresent(r -> keep.add(r.revision()));
    int excess = revisions.size() - limit;
    List<Revision> list = new ArrayList<>();
    for (Revision r : revisions) {
      if (excess > 0 && !keep.contains(r.revision())) {
        excess--;
        continue;
      }
      list.add(r);
    }
    return new Ledger(environment, current, nextRevision, list);
  }

  private Ledger replace(int number, java.util.function.UnaryOperator<Revision> change) {
    List<Revision> list = new ArrayList<>();
    for (Revision r : revisions) {
      list.add(r.revision() == number ? change.apply(r) : r);
    }
    return new Ledger(environment, current, nextRevision, list);
  }
}
