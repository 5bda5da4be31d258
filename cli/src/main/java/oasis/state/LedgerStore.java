package oasis.state;

import java.nio.file.Path;
import oasis.core.Json;

/**
 * Reads and atomically writes {@code .oasis/envs/<env>/ledger.json}; a target that keeps its ledger
 * elsewhere ({@link EnvironmentState}) overrides {@link #load} and {@link #save}.
 */
public class LedgerStore {

  private final Path file;
  private final String environment;

  public LedgerStore(Path envDir, String environment) {
    this.file = envDir.resolve("ledger.json");
    this.environment = environment;
  }

  /** A store that keeps no file: its subclass overrides {@link #load} and {@link #save}. */
  protected LedgerStore(String environment) {
    this.file = null;
    this.environment = environment;
  }

  public Ledger load() {
    Ledger ledger = Json.read(file, Ledger.class);
    return ledger == null ? Ledger.empty(environment) : ledger;
  }

  public void save(Ledger ledger) {
    Json.write(file, ledger);
  }

  public Path file() {
    return file;
  }
}
