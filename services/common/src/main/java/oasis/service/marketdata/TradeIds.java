package oasis.service.marketdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The trade ids seen per product. Coinbase numbers a product's trades contiguously ({@code
 * trade_id}), so this tells a new trade from a repeated one and finds the trades that never came. A
 * missing id is first only <em>pending</em>: it may still arrive out of order. A run of missing ids
 * becomes one gap (reported once) when the highest id is {@code tolerance} beyond its end, or on
 * {@link #confirmGaps}. Ids further than {@code window} below the highest are forgotten and count
 * as repeats.
 */
public final class TradeIds {
  /** What one trade id is, relative to what was seen before. */
  public enum Verdict {
    /** The product's first trade since start: nothing to compare with. */
    FIRST,
    /** A trade never seen before (the next one, one after a jump, or a late one). */
    NEW,
    /** Seen before, or too old to tell: must not be published again. */
    REPEATED
  }

  /** Trades {@code from}..{@code to} (inclusive) of {@code product} never came. */
  public record Gap(String product, long from, long to) {
    /** How many trades are missing. */
    public long size() {
      return to - from + 1;
    }
  }

  /** The verdict on one trade, whether it arrived late, and the gaps it confirmed. */
  public record Result(Verdict verdict, boolean late, List<Gap> gaps) {
    /** True when the trade is to be published. */
    public boolean isNew() {
      return verdict != Verdict.REPEATED;
    }
  }

  private final int tolerance;
  private final int window;
  private final Map<String, Product> products = new HashMap<>();

  /**
   * @param tolerance how many later trades may pass a missing id before it is a gap
   * @param window how far below the highest id repeats are still told apart from late trades
   */
  public TradeIds(int tolerance, int window) {
    if (tolerance < 0 || window < 1) {
      throw new IllegalArgumentException("tolerance >= 0 and window >= 1 required");
    }
    this.tolerance = tolerance;
    this.window = window;
  }

  /** Records {@code tradeId} of {@code product} and says what it is. */
  public synchronized Result offer(String product, long tradeId) {
    Product state = products.get(product);
    if (state == null) {
      products.put(product, new Product(tradeId));
      return new Result(Verdict.FIRST, false, List.of());
    }
    if (tradeId <= state.high) {
      boolean late = state.missing.remove(tradeId) || state.pending.remove(tradeId);
      Verdict verdict = late ? Verdict.NEW : Verdict.REPEATED;
      return new Result(verdict, late, List.of());
    }
    for (long id = Math.max(state.high + 1, tradeId - window); id < tradeId; id++) {
      state.pending.add(id);
    }
    state.high = tradeId;
    state.forgetBelow(tradeId - window);
    return new Result(Verdict.NEW, false, confirm(product, state, tradeId - tolerance));
  }

  /**
   * Moves the highest id of {@code product} to {@code tradeId} without counting it as a trade (the
   * {@code last_match} after a subscribe, or a heartbeat's {@code last_trade_id}): ids up to and
   * including it that never came are gaps at once, since the feed says they are in the past.
   */
  public synchronized List<Gap> advanceTo(String product, long tradeId) {
    Product state = products.get(product);
    if (state == null) {
      products.put(product, new Product(tradeId));
      return List.of();
    }
    if (tradeId > state.high) {
      for (long id = Math.max(state.high + 1, tradeId - window); id <= tradeId; id++) {
        state.pending.add(id);
      }
      state.high = tradeId;
      state.forgetBelow(tradeId - window);
    }
    return confirm(product, state, Long.MAX_VALUE);
  }

  /** Declares every pending id of {@code product} a gap (time has passed: a heartbeat came). */
  public synchronized List<Gap> confirmGaps(String product) {
    Product state = products.get(product);
    return state == null ? List.of() : confirm(product, state, Long.MAX_VALUE);
  }

  /** True when {@code tradeId} of {@code product} was seen (or is too old to tell): no change. */
  public synchronized boolean seen(String product, long tradeId) {
    Product state = products.get(product);
    if (state == null || tradeId > state.high) {
      return false;
    }
    return !state.missing.contains(tradeId) && !state.pending.contains(tradeId);
  }

  /** The highest trade id seen for {@code product}, or -1. */
  public synchronized long highest(String product) {
    Product state = products.get(product);
    return state == null ? -1 : state.high;
  }

  /** Runs of pending ids that end at or below {@code upTo} become missing: one gap per run. */
  private static List<Gap> confirm(String product, Product state, long upTo) {
    List<Gap> gaps = new ArrayList<>();
    while (!state.pending.isEmpty()) {
      long from = state.pending.first();
      long to = from;
      while (state.pending.contains(to + 1)) {
        to++;
      }
      if (to > upTo) {
        break;
      }
      for (long id = from; id <= to; id++) {
        state.pending.remove(id);
        state.missing.add(id);
      }
      gaps.add(new Gap(product, from, to));
    }
    return gaps;
  }

  /** One product's highest id, the ids not yet seen below it, and those declared missing. */
  private static final class Product {
    private long high;
    private final TreeSet<Long> pending = new TreeSet<>();
    private final TreeSet<Long> missing = new TreeSet<>();

    Product(long high) {
      this.high = high;
    }

    void forgetBelow(long lowest) {
      pending.headSet(lowest).clear();
      missing.headSet(lowest).clear();
    }
  }
}
