package oasis.risk;

import java.math.BigDecimal;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Positions in Redis (RISK_USE_REDIS=1): a hash of symbol to an integer count of 1e-8 units (exact,
 * unlike HINCRBYFLOAT), a set of working orders, and one marker per applied fill so that a fill is
 * counted once even when an order is reported twice. Marker and increment are one Lua script. A
 * closed order is remembered (as long as a fill marker), so a late "open" answer does not reopen
 * it.
 */
public final class RedisPositionBook implements PositionBook {
  private static final String APPLY_FILL =
      "if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then\n"
          + "  return redis.call('HINCRBY', KEYS[2], ARGV[1], ARGV[2])\n"
          + "end\n"
          + "return false\n";
  private static final String OPEN =
      "if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SADD', KEYS[1], ARGV[1]) end\n"
          + "return 1\n";
  private static final String CLOSE =
      "redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])\n"
          + "redis.call('SREM', KEYS[1], ARGV[1])\n"
          + "return 1\n";
  private static final String FILL_MARKER_TTL_SECONDS = Long.toString(7 * 24 * 3600);

  private final UnifiedJedis redis;
  private final String prefix;

  /** Keys go under {@code prefix} (e.g. "oasis:risk:"). */
  public RedisPositionBook(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public BigDecimal position(String symbol) {
    String units = redis.hget(prefix + "positions", symbol);
    return units == null
        ? BigDecimal.ZERO
        : BigDecimal.valueOf(Long.parseLong(units), OrderSizing.MAX_SCALE);
  }

  @Override
  public int openOrders() {
    return (int) redis.scard(prefix + "open-orders");
  }

  @Override
  public void applyFill(String fillId, String symbol, BigDecimal signedQuantity) {
    long units = signedQuantity.movePointRight(OrderSizing.MAX_SCALE).longValueExact();
    redis.eval(
        APPLY_FILL,
        List.of(prefix + "fill:" + fillId, prefix + "positions"),
        List.of(symbol, Long.toString(units), FILL_MARKER_TTL_SECONDS));
  }

  @Override
  public void orderOpened(String clientOrderId) {
    redis.eval(
        OPEN,
        List.of(prefix + "open-orders", prefix + "closed:" + clientOrderId),
        List.of(clientOrderId));
  }

  @Override
  public void orderClosed(String clientOrderId) {
    redis.eval(
        CLOSE,
        List.of(prefix + "open-orders", prefix + "closed:" + clientOrderId),
        List.of(clientOrderId, FILL_MARKER_TTL_SECONDS));
  }
}
