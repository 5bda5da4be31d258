package oasis.normalizer;

import oasis.service.ServiceMain;

/** Runs the data normalizer: raw trades in, {@code MarketDataEvent}s or dead letters out. */
public final class DataNormalizerMain {
  private DataNormalizerMain() {}

  /** Entry point; see services/README.md for the variables. */
  public static void main(String[] args) {
    ServiceMain.run(DataNormalizer.COMPONENT, DataNormalizer.PREFIX, DataNormalizer::configure);
  }
}
