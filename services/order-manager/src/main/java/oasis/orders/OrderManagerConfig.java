package oasis.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import oasis.orders.coinbase.ProductRules;
import oasis.service.ConfigException;
import oasis.service.decimal.Decimals;

/**
 * The order manager's configuration, read from environment variables and checked at start.
 *
 * @param redisUrl used only when {@code useRedis}
 * @param coinbaseUrl used only in real mode
 * @param productRules the exchange's increments and minimum sizes ({@code PRODUCT_RULES})
 * @param marketCollar how far from the fresh price a real MARKET order may fill ({@code
 *     MARKET_COLLAR}, a fraction: 0.02 is 2 %)
 * @param maxClockSkew the most our clock may differ from the exchange's ({@code MAX_CLOCK_SKEW_MS})
 * @param controlTopic where kill-switch commands come from ({@code CONTROL_COMMAND_TOPIC})
 * @param seedPrices paper prices known before the first normalized trade ({@code
 *     PAPER_SEED_PRICES=BTC-USD=50000,ETH-USD=3000}; none by default)
 */
public record OrderManagerConfig(
    Mode mode,
    String marketTopic,
    String executionReportsTopic,
    boolean useRedis,
    URI redisUrl,
    URI coinbaseUrl,
    Map<String, BigDecimal> seedPrices,
    ProductRules productRules,
    BigDecimal marketCollar,
    Duration maxClockSkew,
    String controlTopic) {

  /** Copies the seed prices. */
  public OrderManagerConfig {
    seedPrices = Map.copyOf(seedPrices);
  }

  /** How orders are executed. */
  public enum Mode {
    /** Fills at the last normalized price; the default. */
    PAPER,
    /** Signed requests to the Coinbase Exchange REST API. */
    REAL
  }

  /** The variables {@link #from} reads (ports and brokers are the service kit's). */
  public static final List<String> VARIABLES =
      List.of(
          "ORDER_MANAGER_MODE",
          "NORMALIZED_MARKET_TOPIC",
          "MARKET_DATA_TOPIC",
          "EXECUTION_REPORTS_TOPIC",
          "ORDER_MANAGER_USE_REDIS",
          "RISK_USE_REDIS",
          "REDIS_URL",
          "COINBASE_API_URL",
          "PAPER_SEED_PRICES",
          "PRODUCT_RULES",
          "MARKET_COLLAR",
          "MAX_CLOCK_SKEW_MS",
          "ORDER_MANAGER_TEST_EXCHANGE",
          "CONTROL_COMMAND_TOPIC");

  /** Reads and checks every variable; throws {@link ConfigException} naming the first bad one. */
  public static OrderManagerConfig from(Map<String, String> env) {
    String modeText =
        env.getOrDefault("ORDER_MANAGER_MODE", "paper").trim().toLowerCase(Locale.ROOT);
    Mode mode;
    switch (modeText) {
      case "paper" -> mode = Mode.PAPER;
      case "real" -> mode = Mode.REAL;
      default ->
          throw new ConfigException(
              "ORDER_MANAGER_MODE must be paper or real, got '" + modeText + "'");
    }
    String market =
        env.getOrDefault(
            "NORMALIZED_MARKET_TOPIC",
            env.getOrDefault("MARKET_DATA_TOPIC", "market-data.trades.normalized"));
    String redisSwitch =
        env.getOrDefault("ORDER_MANAGER_USE_REDIS", env.getOrDefault("RISK_USE_REDIS", "0"));
    URI coinbase = uri(env, "COINBASE_API_URL", "https://api.exchange.coinbase.com", "http");
    if (mode == Mode.REAL && !"https".equals(coinbase.getScheme())) {
      boolean testExchange =
          flag("ORDER_MANAGER_TEST_EXCHANGE", env.getOrDefault("ORDER_MANAGER_TEST_EXCHANGE", "0"));
      if (!testExchange || !isLoopback(coinbase.getHost())) {
        throw new ConfigException(
            "COINBASE_API_URL must be https in real mode, got '"
                + coinbase
                + "' (plain http only to a loopback test exchange, with"
                + " ORDER_MANAGER_TEST_EXCHANGE=1)");
      }
    }
    BigDecimal collar;
    try {
      collar = new BigDecimal(env.getOrDefault("MARKET_COLLAR", "0.02").trim());
    } catch (NumberFormatException e) {
      collar = BigDecimal.ZERO;
    }
    if (collar.signum() <= 0 || collar.compareTo(new BigDecimal("0.5")) > 0) {
      throw new ConfigException(
          "MARKET_COLLAR must be a decimal fraction above 0 and at most 0.5 (0.02 is 2 %), got '"
              + env.get("MARKET_COLLAR")
              + "'");
    }
    long skewMs;
    try {
      skewMs = Long.parseLong(env.getOrDefault("MAX_CLOCK_SKEW_MS", "10000").trim());
    } catch (NumberFormatException e) {
      skewMs = -1;
    }
    if (skewMs <= 0) {
      throw new ConfigException(
          "MAX_CLOCK_SKEW_MS must be a positive number of milliseconds, got '"
              + env.get("MAX_CLOCK_SKEW_MS")
              + "'");
    }
    return new OrderManagerConfig(
        mode,
        market,
        nonBlank(env, "EXECUTION_REPORTS_TOPIC", "orders.execution-reports"),
        flag("ORDER_MANAGER_USE_REDIS or RISK_USE_REDIS", redisSwitch),
        uri(env, "REDIS_URL", "redis://127.0.0.1:16379", "redis"),
        coinbase,
        prices("PAPER_SEED_PRICES", env.getOrDefault("PAPER_SEED_PRICES", "")),
        ProductRules.parse(
            "PRODUCT_RULES", env.getOrDefault("PRODUCT_RULES", ProductRules.DEFAULTS)),
        collar,
        Duration.ofMillis(skewMs),
        nonBlank(env, "CONTROL_COMMAND_TOPIC", "control.commands"));
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  /**
   * Throws unless a real order manager shares its orders through Redis: with a store of its own, a
   * retry that reaches another instance or track would not see the order and send it again.
   */
  public void requireSharedStoreForRealMoney() {
    if (mode == Mode.REAL && !useRedis) {
      throw new ConfigException(
          "ORDER_MANAGER_MODE=real needs the shared order store: set ORDER_MANAGER_USE_REDIS=1"
              + " and REDIS_URL, so that one client order id is one order across every instance");
    }
  }

  static Map<String, BigDecimal> prices(String name, String text) {
    Map<String, BigDecimal> prices = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      try {
        prices.put(
            parts[0].trim().toUpperCase(Locale.ROOT), Decimals.parsePositive(name, parts[1]));
      } catch (RuntimeException e) {
        throw new ConfigException(
            name
                + " must be SYMBOL=PRICE[,SYMBOL=PRICE...] with decimal prices, got '"
                + text
                + "'");
      }
    }
    return prices;
  }

  static boolean flag(String name, String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes" -> true;
      case "0", "false", "no", "" -> false;
      default -> throw new ConfigException(name + " must be 0 or 1, got '" + text + "'");
    };
  }

  private static String nonBlank(Map<String, String> env, String name, String fallback) {
    String value = env.getOrDefault(name, fallback).trim();
    if (value.isEmpty()) {
      throw new ConfigException(name + " must not be empty");
    }
    return value;
  }

  private static URI uri(Map<String, String> env, String name, String fallback, String scheme) {
    String text = env.getOrDefault(name, fallback).trim();
    try {
      URI uri = URI.create(text);
      if (uri.getScheme() != null && uri.getScheme().startsWith(scheme) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below with what is allowed
    }
    throw new ConfigException(
        name + " must be a " + scheme + " URL with a host, got '" + text + "'");
  }
}
