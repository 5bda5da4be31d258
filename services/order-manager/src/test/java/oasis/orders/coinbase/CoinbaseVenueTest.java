package oasis.orders.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import oasis.orders.Order;
import oasis.orders.VenueException;
import oasis.orders.VenueResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderType;
import trading.contracts.Side;
import trading.contracts.TradingMode;

class CoinbaseVenueTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  /** One request as the fake exchange saw it. */
  record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int status = 200;
  private volatile String answer = "{}";

  /** What {@code GET /fills} answers: the fills of order x-1, newest first as at Coinbase. */
  private volatile String fillsAnswer =
      "[{\"trade_id\":75,\"order_id\":\"x-1\",\"price\":\"64250.30\",\"size\":\"0.004\"},"
          + "{\"trade_id\":74,\"order_id\":\"x-1\",\"price\":\"64250.00\",\"size\":\"0.006\"}]";

  private CoinbaseVenue venue;

  @BeforeEach
  void startExchange() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    venue =
        new CoinbaseVenue(
            base, CoinbaseCredentials.of("the-key", CoinbaseSignerTest.SECRET, "the-pass"), CLOCK);
  }

  @AfterEach
  void stopExchange() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(
        new Seen(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    boolean fills = exchange.getRequestURI().getPath().equals("/fills");
    byte[] bytes = (fills ? fillsAnswer : answer).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(fills ? 200 : status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Order order(OrderType type, String price) {
    return Order.newOrder(
        "o1",
        "client-1",
        "BTC-USD",
        Side.BUY,
        type,
        new BigDecimal("0.01"),
        price == null ? null : new BigDecimal(price),
        "s",
        TradingMode.REAL,
        CLOCK.instant());
  }

  private static String expectedSignature(String prehash) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(Base64.getDecoder().decode(CoinbaseSignerTest.SECRET), "HmacSHA256"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(prehash.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aMarketOrderIsPostedSignedAndItsImmediateFillIsReported() throws Exception {
    answer =
        "{\"id\":\"x-1\",\"status\":\"done\",\"filled_size\":\"0.01\",\"executed_value\":\"642.5012\"}";

    VenueResult result = venue.submit(order(OrderType.MARKET, null));

    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/orders");
    assertThat(request.body())
        .contains(
            "\"product_id\":\"BTC-USD\"",
            "\"side\":\"buy\"",
            "\"type\":\"market\"",
            "\"size\":\"0.01\"")
        .contains("\"client_oid\":\"" + CoinbaseVenue.clientOid("client-1") + "\"")
        .doesNotContain("price");
    assertThat(request.headers().get("Cb-access-key")).containsExactly("the-key");
    assertThat(request.headers().get("Cb-access-passphrase")).containsExactly("the-pass");
    assertThat(request.headers().get("Cb-access-timestamp")).containsExactly("1700000000");
    assertThat(request.headers().get("Cb-access-sign"))
        .containsExactly(expectedSignature("1700000000POST/orders" + request.body()));
    assertThat(result.outcome()).isEqualTo(VenueResult.Outcome.FILLED);
    // Each fill with its trade id, oldest first, from a signed GET /fills of the venue's order.
    assertThat(result.fills())
        .extracting(oasis.orders.Fill::fillId, f -> f.quantity().toPlainString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("74", "0.006"),
            org.assertj.core.groups.Tuple.tuple("75", "0.004"));
    assertThat(result.fillQuantity()).isEqualByComparingTo("0.01");
    assertThat(result.fillPrice()).isEqualByComparingTo("64250.12");
    Seen fills = seen.get(1);
    assertThat(fills.method()).isEqualTo("GET");
    assertThat(fills.path()).isEqualTo("/fills");
    assertThat(fills.headers().get("Cb-access-sign"))
        .containsExactly(expectedSignature("1700000000GET/fills?order_id=x-1&limit=1000"));
  }

  @Test
  void anImmediateFillWhoseFillsCannotBeReadYetIsAcceptedNotLost() throws Exception {
    answer = "{\"id\":\"x-1\",\"status\":\"done\",\"filled_size\":\"0.01\"}";
    fillsAnswer = "{\"message\":\"busy\"}";

    VenueResult result = venue.submit(order(OrderType.MARKET, null));

    assertThat(result.outcome())
        .as("the order exists: accepted, its fills are the fill loop's to read")
        .isEqualTo(VenueResult.Outcome.ACCEPTED);
    assertThat(result.fills()).isEmpty();
  }

  @Test
  void aDoneOrderCanceledAfterAPartialFillKeepsItsFill() throws Exception {
    answer =
        "{\"id\":\"x-1\",\"status\":\"done\",\"done_reason\":\"canceled\",\"filled_size\":\"0.004\"}";
    fillsAnswer =
        "[{\"trade_id\":75,\"order_id\":\"x-1\",\"price\":\"64250.2\",\"size\":\"0.004\"}]";

    VenueResult result = venue.find(order(OrderType.LIMIT, "64300")).orElseThrow();

    assertThat(result.outcome()).isEqualTo(VenueResult.Outcome.CANCELED);
    assertThat(result.fillQuantity()).isEqualByComparingTo("0.004");
  }

  @Test
  void anOpenLimitOrderIsAcceptedAndCanceledByClientOid() throws Exception {
    answer = "{\"id\":\"x-2\",\"status\":\"open\",\"filled_size\":\"0\"}";

    VenueResult result = venue.submit(order(OrderType.LIMIT, "60000.5"));
    venue.cancel(order(OrderType.LIMIT, "60000.5"));

    assertThat(result.outcome()).isEqualTo(VenueResult.Outcome.ACCEPTED);
    assertThat(seen.get(0).body()).contains("\"price\":\"60000.5\"");
    Seen cancel = seen.get(1);
    String path = "/orders/client:" + CoinbaseVenue.clientOid("client-1");
    assertThat(cancel.method()).isEqualTo("DELETE");
    assertThat(cancel.path()).isEqualTo(path);
    assertThat(cancel.headers().get("Cb-access-sign"))
        .containsExactly(expectedSignature("1700000000DELETE" + path));
  }

  @Test
  void aRefusalBecomesARejectionAndAServerErrorAVenueException() throws Exception {
    status = 400;
    answer = "{\"message\":\"Insufficient funds\"}";
    VenueResult refused = venue.submit(order(OrderType.MARKET, null));
    assertThat(refused.outcome()).isEqualTo(VenueResult.Outcome.REJECTED);
    assertThat(refused.text()).isEqualTo("coinbase: Insufficient funds");

    status = 503;
    answer = "{\"message\":\"maintenance\"}";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> venue.submit(order(OrderType.MARKET, null)))
        .isInstanceOf(VenueException.class)
        .hasMessageContaining("503")
        .hasMessageNotContaining("the-key")
        .hasMessageNotContaining("the-pass");
  }

  @Test
  void clientOidsAreUuidsStableForOneClientOrderId() {
    String uuid = "2f1c1b8e-8a9e-4a53-9a36-5d4c7f3e2a10";
    assertThat(CoinbaseVenue.clientOid(uuid)).isEqualTo(uuid);
    assertThat(CoinbaseVenue.clientOid("abc")).isEqualTo(CoinbaseVenue.clientOid("abc"));
    assertThat(CoinbaseVenue.clientOid("abc")).isNotEqualTo(CoinbaseVenue.clientOid("abd"));
  }

  @Test
  void findAsksByClientOidAndTellsNeverSeenFromKnownFromCannotSay() throws Exception {
    status = 404;
    answer = "{\"message\":\"NotFound\"}";
    assertThat(venue.find(order(OrderType.MARKET, null))).as("never seen: safe to send").isEmpty();

    status = 200;
    answer =
        "{\"id\":\"x-1\",\"status\":\"done\",\"filled_size\":\"0.01\",\"executed_value\":\"642.5\"}";
    assertThat(venue.find(order(OrderType.MARKET, null)))
        .hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(VenueResult.Outcome.FILLED));
    assertThat(seen).extracting(Seen::method).containsOnly("GET");
    assertThat(seen.get(0).path())
        .isEqualTo("/orders/client:" + CoinbaseVenue.clientOid("client-1"));

    status = 503;
    answer = "{}";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> venue.find(order(OrderType.MARKET, null)))
        .isInstanceOf(VenueException.class)
        .hasMessageContaining("could not say");
  }
}
