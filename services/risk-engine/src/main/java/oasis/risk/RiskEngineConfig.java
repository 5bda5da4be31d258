package oasis.risk;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import oasis.service.ConfigException;

/**
 * The risk engine's configuration, read from environment variables and checked at start.
 *
 * @param orderManagerAddress host:port of the order manager's gRPC server
 * @param orderManagerDeadline deadline of one ExecuteOrder attempt
 * @param orderManagerAttempts attempts on UNAVAILABLE, the first included
 * @param seedPrices prices known before the first normalized trade (none by default)
 */
public record RiskEngineConfig(
    RiskLimits limits,
    OrderSizing sizing,
    String orderManagerAddress,
    Duration orderManagerDeadline,
    int orderManagerAttempts,
    boolean useRedis,
    URI redisUrl,
    String marketTopic,
    Map<String, BigDecimal> seedPrices) {

  /** Copies the seed prices. */
  public RiskEngineConfig {
    seedPrices = Map.copyOf(seedPrices);
  }

  /** The variables {@link #from} reads (ports and brokers are the service kit's). */
  public static final List<String> VARIABLES =
      List.of(
          "RISK_MAX_ORDER_QUANTITY",
          "RISK_MAX_NOTIONAL",
          "RISK_MAX_POSITION",
          "RISK_MAX_OPEN_ORDERS",
          "RISK_MIN_CONFIDENCE",
          "RISK_MAX_SIGNALS_PER_SECOND",
          "RISK_KILL_SWITCH",
          "RISK_ORDER_QUANTITY",
          "RISK_ORDER_QUANTITIES",
          "ORDER_MANAGER_GRPC_ADDR",
          "ORDER_MANAGER_DEADLINE_MS",
          "ORDER_MANAGER_ATTEMPTS",
          "RISK_USE_REDIS",
          "REDIS_URL",
          "NORMALIZED_MARKET_TOPIC",
          "MARKET_DATA_TOPIC",
          "PAPER_SEED_PRICES");

  /** Reads and checks every variable; throws {@link ConfigException} naming the first bad one. */
  public static RiskEngineConfig from(Map<String, String> values) {
    Env env = new Env(values);
    RiskLimits limits =
        new RiskLimits(
            env.decimal("RISK_MAX_ORDER_QUANTITY", "1"),
            env.decimal("RISK_MAX_NOTIONAL", "100000"),
            env.decimal("RISK_MAX_POSITION", "5"),
            env.integer("RISK_MAX_OPEN_ORDERS", 10, 1, 1_000_000),
            env.fraction("RISK_MIN_CONFIDENCE", 0.5),
            env.integer("RISK_MAX_SIGNALS_PER_SECOND", 50, 0, 1_000_000),
            env.flag("RISK_KILL_SWITCH", false));
    OrderSizing sizing;
    try {
      sizing =
          new OrderSizing(
              env.decimal("RISK_ORDER_QUANTITY", "0.01"), env.decimals("RISK_ORDER_QUANTITIES"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("RISK_ORDER_QUANTITY/RISK_ORDER_QUANTITIES: " + e.getMessage());
    }
    String address = env.text("ORDER_MANAGER_GRPC_ADDR", "127.0.0.1:50052");
    if (!address.matches("[^:\\s]+:\\d{1,5}")) {
      throw new ConfigException("ORDER_MANAGER_GRPC_ADDR must be host:port, got '" + address + "'");
    }
    String redis = env.text("REDIS_URL", "redis://127.0.0.1:16379");
    if (!redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
      throw new ConfigException("REDIS_URL must be a redis:// URL, got '" + redis + "'");
    }
    return new RiskEngineConfig(
        limits,
        sizing,
        address,
        // 5 s: outlasts the order manager's lookup and send to the exchange (2 s each), so the
        // risk engine never releases a reservation for an order the order manager completes.
        Duration.ofMillis(env.integer("ORDER_MANAGER_DEADLINE_MS", 5000, 1, 600_000)),
        env.integer("ORDER_MANAGER_ATTEMPTS", 3, 1, 10),
        env.flag("RISK_USE_REDIS", false),
        URI.create(redis),
        env.text(
            "NORMALIZED_MARKET_TOPIC",
            values.getOrDefault("MARKET_DATA_TOPIC", "market-data.trades.normalized")),
        env.decimals("PAPER_SEED_PRICES"));
  }
}
