package oasis.normalizer;

import oasis.marketdata.MarketDataEvent;

/** What became of one raw message: a normalized event, or a rejection with its reason. */
sealed interface Outcome {
  /** The message was a trade: here it is, normalized. */
  record Normalized(MarketDataEvent event) implements Outcome {}

  /** The message cannot be normalized; {@code code} is a short metric label. */
  record Rejected(String code, String reason) implements Outcome {}
}
