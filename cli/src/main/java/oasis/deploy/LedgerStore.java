package oasis.deploy;

import java.nio.file.Path;
import oasis.core.Json;

/** Reads and atomically writes {@code .oasis/envs/<env>/ledger.json}. */
public final class LedgerStore {

  private final Path file;
  private final String environment;

  public LedgerStore(Path envDir, String environment) {
    this.file = envDir.resolve("ledger.json");
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
