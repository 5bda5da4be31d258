package oasis.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;

/** The connector's feed, products, channels, topic and reconnect backoff, checked at start. */
record ConnectorSettings(
    URI feedUrl,
    List<String> productIds,
    List<String> channels,
    String rawTopic,
    int simulatedRate,
    SimulatedMarket.Faults simulatedFaults,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration idleTimeout) {
  static final String DEFAULT_URL = "sim://coinbase?rate=20";
  private static final Pattern PRODUCT = Pattern.compile("[A-Z0-9]{2,10}-[A-Z0-9]{2,10}");
  private static final Pattern RATE = Pattern.compile("(?:^|&)rate=([0-9]{1,6})(?:&|$)");
  private static final String URL_ALLOWED =
      "a ws:// or wss:// URL, or sim://coinbase?rate=N with N from 1 to 100000 messages per second"
          + " (and optionally &gap_every=N&duplicate_every=N: a missing or repeated trade every N)";

  static ConnectorSettings from(ServiceConfig config) {
    String url = config.string("COINBASE_WS_URL", DEFAULT_URL);
    URI uri = parse(url);
    int rate = "sim".equals(uri.getScheme()) ? simulatedRate(url, uri) : 0;
    List<String> products = config.list("COINBASE_PRODUCT_IDS", "BTC-USD,ETH-USD");
    for (String product : products) {
      if (!PRODUCT.matcher(product).matches()) {
        throw new ConfigException(
            "COINBASE_PRODUCT_IDS=\""
                + String.join(",", products)
                + "\" is not allowed: expected"
                + " product ids like BTC-USD,ETH-USD");
      }
    }
    List<String> channels = new ArrayList<>(config.list("COINBASE_CHANNELS", "matches"));
    // Heartbeats tell a quiet product from a dead one, and carry its last trade id.
    if (!channels.contains("heartbeat")) {
      channels.add("heartbeat");
    }
    SimulatedMarket.Faults faults =
        "sim".equals(uri.getScheme())
            ? new SimulatedMarket.Faults(
                parameter(url, uri, "gap_every", 0), parameter(url, uri, "duplicate_every", 0))
            : SimulatedMarket.Faults.NONE;
    int minMs = config.integer("COINBASE_RECONNECT_MIN_MS", 500, 10, 60_000);
    int maxMs = config.integer("COINBASE_RECONNECT_MAX_MS", 30_000, minMs, 600_000);
    int idleMs = config.integer("COINBASE_IDLE_TIMEOUT_MS", 60_000, 0, 3_600_000);
    return new ConnectorSettings(
        uri,
        products,
        List.copyOf(channels),
        config.string("RAW_MARKET_TOPIC", "market-data.trades.coinbase"),
        rate,
        faults,
        Duration.ofMillis(minMs),
        Duration.ofMillis(maxMs),
        Duration.ofMillis(idleMs));
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null || !List.of("ws", "wss", "sim").contains(scheme)) {
        throw new ConfigException(
            "COINBASE_WS_URL=\"" + url + "\" is not allowed: expected " + URL_ALLOWED);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "COINBASE_WS_URL=\"" + url + "\" is not allowed: expected " + URL_ALLOWED);
    }
  }

  private static int simulatedRate(String url, URI uri) {
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    if (query.isEmpty()) {
      return 20;
    }
    Matcher matcher = RATE.matcher(query);
    int rate = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    if (rate < 1 || rate > 100_000) {
      throw new ConfigException(
          "COINBASE_WS_URL=\"" + url + "\" is not allowed: expected " + URL_ALLOWED);
    }
    return rate;
  }

  private static int parameter(String url, URI uri, String name, int fallback) {
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    Matcher matcher = Pattern.compile("(?:^|&)" + name + "=([^&]*)(?:&|$)").matcher(query);
    if (!matcher.find()) {
      return fallback;
    }
    if (!matcher.group(1).matches("[0-9]{1,6}")) {
      throw new ConfigException(
          "COINBASE_WS_URL=\"" + url + "\" is not allowed: expected " + URL_ALLOWED);
    }
    return Integer.parseInt(matcher.group(1));
  }

  boolean simulated() {
    return "sim".equals(feedUrl.getScheme());
  }
}
