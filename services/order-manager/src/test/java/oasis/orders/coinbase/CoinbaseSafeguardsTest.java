package oasis.orders.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import oasis.orders.Order;
import oasis.orders.VenueResult;
import oasis.orders.exchange.TestExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderType;
import trading.contracts.Side;
import trading.contracts.TradingMode;

/** The exchange rules checked before a real order is sent, against the local test exchange. */
class CoinbaseSafeguardsTest {
  private TestExchange exchange;
  private CoinbaseVenue venue;
  private final Map<String, BigDecimal> fresh = new ConcurrentHashMap<>();
  private int sequence;

  @BeforeEach
  void start() throws Exception {
    exchange = TestExchange.start();
    warmUp(exchange);
    venue =
        new CoinbaseVenue(
            exchange.uri(),
            CoinbaseCredentials.of("k", CoinbaseSignerTest.SECRET, "p"),
            Clock.systemUTC(),
            new CoinbaseVenue.Safeguards(
                ProductRules.parse("PRODUCT_RULES", ProductRules.DEFAULTS),
                symbol -> Optional.ofNullable(fresh.get(symbol)),
                new BigDecimal("0.02"),
                Duration.ofSeconds(10)));
  }

  /**
   * One unjudged request first: the fake exchange lives in this JVM, and at load 20 its first
   * answer (loading both sides of HTTP here) outlasted the venue's two-second bound. A real
   * exchange is warm; only the venue's own behaviour is under test.
   */
  private static void warmUp(TestExchange exchange) throws Exception {
    java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(exchange.uri().resolve("/warm-up"))
                .timeout(Duration.ofSeconds(60))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
  }

  @AfterEach
  void stop() {
    exchange.close();
  }

  private Order order(String symbol, Side side, OrderType type, String quantity, String price) {
    return Order.newOrder(
        "o" + ++sequence,
        "c" + sequence,
        symbol,
        side,
        type,
        new BigDecimal(quantity),
        price == null ? null : new BigDecimal(price),
        "s",
        TradingMode.REAL,
        Instant.now());
  }

  private long posts() {
    return exchange.requests().stream().filter(r -> r.method().equals("POST")).count();
  }

  @Test
  void ordersBreakingTheProductRulesAreRefusedUnsentAndNamed() throws Exception {
    VenueResult small = venue.submit(order("BTC-USD", Side.BUY, OrderType.LIMIT, "0.000009", "1"));
    VenueResult odd = venue.submit(order("BTC-USD", Side.BUY, OrderType.LIMIT, "0.000010001", "1"));
    VenueResult tick = venue.submit(order("BTC-USD", Side.BUY, OrderType.LIMIT, "0.01", "1.005"));
    VenueResult unknown = venue.submit(order("DOGE-USD", Side.BUY, OrderType.LIMIT, "1", "1"));

    assertThat(small.text()).contains("below the minimum size 0.00001 of BTC-USD");
    assertThat(odd.text()).contains("not a multiple of the size increment 0.00000001");
    assertThat(tick.text()).contains("price 1.005 is not a multiple of the price increment 0.01");
    assertThat(unknown.text()).contains("no product rules for DOGE-USD");
    assertThat(java.util.List.of(small, odd, tick, unknown))
        .extracting(VenueResult::outcome)
        .containsOnly(VenueResult.Outcome.REJECTED);
    assertThat(posts()).isZero();

    VenueResult fine = venue.submit(order("BTC-USD", Side.BUY, OrderType.LIMIT, "0.00001", "1.01"));
    assertThat(fine.outcome()).isEqualTo(VenueResult.Outcome.ACCEPTED);
    assertThat(posts()).isEqualTo(1);
  }

  @Test
  void aMarketOrderIsSentAsAnIocLimitAtTheCollarRoundedTowardsTheReference() throws Exception {
    fresh.put("BTC-USD", new BigDecimal("64000.37"));

    venue.submit(order("BTC-USD", Side.BUY, OrderType.MARKET, "0.01", null));
    venue.submit(order("BTC-USD", Side.SELL, OrderType.MARKET, "0.01", null));

    // 64000.37 x 1.02 = 65280.3774, down to the cent; x 0.98 = 62720.3626, up to the cent.
    assertThat(exchange.requests("POST", CoinbaseVenue.clientOid("c1")).get(0).body())
        .contains("\"type\":\"limit\"", "\"time_in_force\":\"IOC\"", "\"price\":\"65280.37\"");
    assertThat(exchange.requests("POST", CoinbaseVenue.clientOid("c2")).get(0).body())
        .contains("\"type\":\"limit\"", "\"time_in_force\":\"IOC\"", "\"price\":\"62720.37\"");
  }

  @Test
  void aMarketOrderWithoutAFreshPriceIsRefusedUnsent() throws Exception {
    VenueResult refused = venue.submit(order("BTC-USD", Side.BUY, OrderType.MARKET, "0.01", null));

    assertThat(refused.outcome()).isEqualTo(VenueResult.Outcome.REJECTED);
    assertThat(refused.text()).contains("no fresh market price of BTC-USD");
    assertThat(posts()).isZero();
  }

  @Test
  void aClockFurtherFromTheExchangesThanTheBoundSignsNothing() throws Exception {
    exchange.clockOffset(Duration.ofSeconds(30));

    VenueResult refused = venue.submit(order("BTC-USD", Side.BUY, OrderType.LIMIT, "0.01", "1"));

    assertThat(refused.outcome()).isEqualTo(VenueResult.Outcome.REJECTED);
    assertThat(refused.text()).contains("behind the exchange's, more than 10000 ms");
    assertThat(posts()).isZero();
  }

  @Test
  void aClockWithinTheBoundIsCheckedOnceAndOrdersAreSent() throws Exception {
    exchange.clockOffset(Duration.ofSeconds(-2));

    venue.submit(order("BTC-USD", Side.BUY, OrderType.LIMIT, "0.01", "1"));
    venue.submit(order("BTC-USD", Side.BUY, OrderType.LIMIT, "0.01", "1"));

    assertThat(posts()).isEqualTo(2);
    assertThat(exchange.requests().stream().filter(r -> r.path().equals("/time")).count())
        .isEqualTo(1);
  }
}
