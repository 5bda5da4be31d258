package oasis.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import oasis.config.Overrides;
import oasis.core.AtomicFiles;
import oasis.core.Json;
import oasis.state.EnvironmentLock;
import oasis.state.EnvironmentState;
import oasis.state.Ledger;
import oasis.state.LedgerStore;
import oasis.state.LockOwner;
import oasis.state.Revision;

/**
 * The one owner of an environment's revision life cycle: its lock, its ledger and the secret
 * override values stored beside it. Every path that puts a revision into the environment (deploy,
 * rollback, a canary or blue/green rollout, its promote and abort, a rollout carried out by {@code
 * oasis rollout}) begins, settles and prunes revisions here, so a pruned revision never leaves its
 * {@code secrets/N.json} behind and no two writers hold the ledger file.
 */
public final class Revisions {

  private final Path envDir;
  private final String envName;
  private final Clock clock;
  private final Consumer<String> progress;
  private final String command;
  private final int historyLimit;
  private final LedgerStore store;
  private final EnvironmentState state;

  Revisions(
      Path envDir,
      String envName,
      Clock clock,
      Consumer<String> progress,
      String command,
      int historyLimit,
      EnvironmentState state) {
    this.envDir = envDir;
    this.envName = envName;
    this.clock = clock;
    this.progress = progress;
    this.command = command;
    this.historyLimit = historyLimit;
    this.state = state;
    this.store = state != null ? state.ledgers() : new LedgerStore(envDir, envName);
  }

  /** Takes the environment's lock (exit 3 naming the holder when another command has it). */
  EnvironmentLock lock() {
    return state != null
        ? state.acquire(command, clock, progress)
        : EnvironmentLock.acquire(envDir, envName, command, clock, progress);
  }

  /**
   * Who applies a revision now, if a live command holds the lock: the Lease's holder on a target
   * that keeps the lock itself (another machine may hold it), else the lock file's live process.
   */
  java.util.Optional<String> liveHolder() {
    if (state != null) {
      return state.liveHolder(clock);
    }
    LockOwner holder = EnvironmentLock.holder(envDir);
    return holder != null && EnvironmentLock.alive(holder)
        ? java.util.Optional.of(holder.describe())
        : java.util.Optional.empty();
  }

  /** The ledger as it is on disk. */
  public Ledger ledger() {
    return store.load();
  }

  /**
   * Begins a revision from {@code draft}: numbered, {@code progressing}, its secret overrides
   * stored beside the ledger (owner-readable, never in it). Returns its number.
   */
  int begin(Revision draft, Map<String, String> overrides) {
    Ledger ledger = store.load().begin(draft);
    int number = ledger.nextRevision() - 1;
    saveSecrets(number, overrides);
    store.save(ledger);
    return number;
  }

  /**
   * The revision became healthy: it is current, the one it replaced superseded (or rolled back),
   * and the ledger is pruned to the environment's history limit, secrets of dropped revisions with
   * it.
   */
  Ledger succeed(int number, boolean rollback) {
    Ledger ledger = store.load().succeed(number, clock.instant(), rollback).prune(historyLimit);
    store.save(ledger);
    forgetSecretsOfPruned(ledger);
    return ledger;
  }

  /** The revision failed; the current one stays current. */
  Ledger fail(int number, String reason) {
    Ledger ledger = store.load().fail(number, clock.instant(), reason);
    store.save(ledger);
    return ledger;
  }

  /** After {@code oasis down}: nothing runs; an operation still in flight failed. */
  Ledger stopped() {
    Ledger ledger = store.load();
    Optional<Revision> flight = ledger.inFlight();
    if (flight.isPresent()) {
      ledger =
          ledger.fail(
              flight.get().revision(),
              clock.instant(),
              "interrupted: its command died; the environment was then stopped");
    }
    ledger = ledger.stopped();
    store.save(ledger);
    return ledger;
  }

  /**
   * Resolves an operation whose command died (the caller holds the lock, so its owner is gone):
   * marks its revision failed and returns the ledger. The operation that follows converges the
   * target to its own plan, so the processes never stay on the interrupted plan.
   */
  Ledger recover() {
    Ledger ledger = store.load();
    Optional<Revision> flight = ledger.inFlight();
    if (flight.isEmpty()) {
      return ledger;
    }
    Revision r = flight.get();
    progress.accept(
        "revision "
            + r.revision()
            + " ("
            + r.version()
            + ") was interrupted: its command (pid "
            + r.owner()
            + ") is gone; marking it failed, and this command converges what runs");
    ledger =
        ledger.fail(r.revision(), clock.instant(), "interrupted: the command that applied it died");
    store.save(ledger);
    return ledger;
  }

  /** The {@code --set} overrides of {@code r}, secret values read back from beside the ledger. */
  Map<String, String> overridesOf(Revision r) {
    Map<String, String> out = new HashMap<>(r.overrides());
    if (!out.containsValue(Overrides.REDACTED)) {
      return out;
    }
    @SuppressWarnings("unchecked")
    Map<String, String> secrets = Json.read(secretsFile(r.revision()), Map.class);
    out.replaceAll(
        (k, v) -> {
          if (!Overrides.REDACTED.equals(v)) {
            return v;
          }
          String secret = secrets == null ? null : secrets.get(k);
          if (secret == null) {
            progress.accept(
                "  warning: the secret value of "
                    + k
                    + " for revision "
                    + r.revision()
                    + " is gone; not set");
          }
          return secret;
        });
    out.values().removeIf(Objects::isNull);
    return out;
  }

  /** {@code secrets/N.json}: the secret override values of revision N. */
  Path secretsFile(int revision) {
    return envDir.resolve("secrets").resolve(revision + ".json");
  }

  private void saveSecrets(int revision, Map<String, String> overrides) {
    Map<String, String> secrets = new TreeMap<>();
    overrides.forEach(
        (k, v) -> {
          if (Overrides.isSecret(k.substring(k.indexOf('.') + 1))) {
            secrets.put(k, v);
          }
        });
    if (!secrets.isEmpty()) {
      AtomicFiles.write(secretsFile(revision), Json.bytes(secrets), true);
    }
  }

  /** Secret values of revisions the ledger no longer keeps are deleted with them. */
  private void forgetSecretsOfPruned(Ledger ledger) {
    Path dir = envDir.resolve("secrets");
    if (!Files.isDirectory(dir)) {
      return;
    }
    Set<String> kept = new HashSet<>();
    ledger.revisions().forEach(r -> kept.add(r.revision() + ".json"));
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (!kept.contains(f.getFileName().toString())) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune secret values in " + dir, e);
    }
  }
}
