package oasis.orders.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import oasis.orders.ExecutionVenue;
import oasis.orders.Fill;
import oasis.orders.Order;
import oasis.orders.VenueException;
import oasis.orders.VenueResult;
import oasis.service.decimal.Decimals;
import trading.contracts.OrderType;
import trading.contracts.Side;

/**
 * Real execution on the Coinbase Exchange REST API: {@code POST /orders} with a client_oid derived
 * from the client order id, {@code GET /orders/client:<client_oid>} to ask whether it has an order
 * (Coinbase does not deduplicate client_oid once it has the order, so the order service asks before
 * any re-send, and to follow an order until it is done) and {@code DELETE
 * /orders/client:<client_oid>} to cancel; {@code GET /fills?order_id=<id>} lists an order's fills,
 * each with its {@code trade_id}, which is what makes a fill count once however often it is read.
 * Every request is signed; credentials never leave it.
 */
public final class CoinbaseVenue implements ExecutionVenue {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Bound on one request to the exchange (connect and answer). The innermost deadline of the order
   * path: a submit may take a lookup and a send, and the risk engine's deadline per attempt ({@code
   * ORDER_MANAGER_DEADLINE_MS}) must outlast both, so the caller never gives up on an order the
   * order manager is still completing.
   */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final URI baseUri;
  private final CoinbaseCredentials credentials;
  private final CoinbaseSigner signer;
  private final HttpClient http;
  private final Clock clock;
  private final Safeguards safeguards;
  private volatile Instant skewCheckedAt;
  private volatile Duration skew = Duration.ZERO;

  /** How often the exchange's clock is read again ({@code GET /time}) for the skew check. */
  public static final Duration SKEW_RECHECK = Duration.ofMinutes(1);

  /**
   * What is checked before an order is sent for real money.
   *
   * @param products increments and minimum sizes; an order that breaks one is refused unsent
   * @param freshPrice the last market price if fresh enough to trade on, by symbol
   * @param collar a MARKET order is sent as an IOC limit at the fresh price moved by this fraction
   *     against us (0.02: 2 %), rounded to the price increment towards the safe side; without a
   *     fresh price it is refused unsent
   * @param maxClockSkew the most our clock may differ from the exchange's ({@code GET /time}) for
   *     an order to be signed and sent
   */
  public record Safeguards(
      ProductRules products,
      Function<String, Optional<BigDecimal>> freshPrice,
      BigDecimal collar,
      Duration maxClockSkew) {}

  /**
   * Speaks to {@code baseUri} (e.g. https://api.exchange.coinbase.com) with no checks of its own
   * before sending (tests of the wire format); the order manager uses the one with safeguards.
   */
  public CoinbaseVenue(URI baseUri, CoinbaseCredentials credentials, Clock clock) {
    this(baseUri, credentials, clock, null);
  }

  /** Speaks to {@code baseUri}, checking {@code safeguards} before every order it sends. */
  public CoinbaseVenue(
      URI baseUri, CoinbaseCredentials credentials, Clock clock, Safeguards safeguards) {
    this.safeguards = safeguards;
    this.baseUri = baseUri;
    this.credentials = credentials;
    this.signer = new CoinbaseSigner(credentials);
    this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    this.clock = clock;
  }

  /**
   * The client_oid Coinbase sees: the client order id when it is a UUID, else a UUID derived from
   * it.
   */
  public static String clientOid(String clientOrderId) {
    try {
      return UUID.fromString(clientOrderId).toString();
    } catch (IllegalArgumentException e) {
      return UUID.nameUUIDFromBytes(clientOrderId.getBytes(StandardCharsets.UTF_8)).toString();
    }
  }

  @Override
  public VenueResult submit(Order order) throws VenueException {
    if (safeguards != null) {
      Optional<String> refused = safeguards.products().violation(order);
      if (refused.isEmpty()) {
        refused = clockSkew();
      }
      if (refused.isPresent()) {
        return VenueResult.rejected("refused before sending: " + refused.get());
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("client_oid", clientOid(order.clientOrderId()));
    body.put("product_id", order.symbol());
    body.put("side", order.side().name().toLowerCase(Locale.ROOT));
    body.put("type", order.orderType() == OrderType.LIMIT ? "limit" : "market");
    body.put("size", Decimals.format(order.quantity()));
    if (order.orderType() == OrderType.LIMIT) {
      body.put("price", Decimals.format(order.price()));
    } else if (safeguards != null) {
      Optional<BigDecimal> reference = safeguards.freshPrice().apply(order.symbol());
      if (reference.isEmpty()) {
        return VenueResult.rejected(
            "refused before sending: no fresh market price of "
                + order.symbol()
                + " to collar a MARKET order");
      }
      body.put("type", "limit");
      body.put("time_in_force", "IOC");
      body.put("price", Decimals.format(collarPrice(order, reference.get())));
    }
    HttpResponse<String> response = send("POST", "/orders", body.toString());
    JsonNode answer = parse(response);
    if (response.statusCode() == 400 || response.statusCode() == 403) {
      return VenueResult.rejected("coinbase: " + answer.path("message").asText("rejected"));
    }
    if (response.statusCode() / 100 != 2) {
      throw new VenueException(
          "coinbase answered HTTP "
              + response.statusCode()
              + ": "
              + answer.path("message").asText());
    }
    return toResult(answer, true);
  }

  @Override
  public java.util.Optional<VenueResult> find(Order order) throws VenueException {
    HttpResponse<String> response =
        send("GET", "/orders/client:" + clientOid(order.clientOrderId()), "");
    if (response.statusCode() == 404) {
      return java.util.Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      throw new VenueException(
          "coinbase could not say whether it has the order, HTTP "
              + response.statusCode()
              + ": "
              + parse(response).path("message").asText());
    }
    return java.util.Optional.of(toResult(parse(response), false));
  }

  @Override
  public void cancel(Order order) throws VenueException {
    HttpResponse<String> response =
        send("DELETE", "/orders/client:" + clientOid(order.clientOrderId()), "");
    if (response.statusCode() / 100 != 2) {
      throw new VenueException(
          "coinbase refused the cancel, HTTP "
              + response.statusCode()
              + ": "
              + parse(response).path("message").asText());
    }
  }

  /**
   * The worst price a collared MARKET order may fill at: the reference moved by the collar against
   * us, rounded to the price increment towards the reference (down for a buy, up for a sell).
   */
  private BigDecimal collarPrice(Order order, BigDecimal reference) {
    boolean buy = order.side() == Side.BUY;
    BigDecimal factor =
        buy
            ? BigDecimal.ONE.add(safeguards.collar())
            : BigDecimal.ONE.subtract(safeguards.collar());
    BigDecimal increment =
        safeguards.products().product(order.symbol()).orElseThrow().priceIncrement();
    return ProductRules.toIncrement(reference.multiply(factor), increment, !buy);
  }

  /**
   * Why our clock cannot sign an order now, or empty: reads the exchange's clock ({@code GET
   * /time}, unsigned) at most once per {@link #SKEW_RECHECK} and compares.
   */
  private Optional<String> clockSkew() throws VenueException {
    Instant now = clock.instant();
    if (skewCheckedAt == null || now.isAfter(skewCheckedAt.plus(SKEW_RECHECK))) {
      HttpRequest request =
          HttpRequest.newBuilder(baseUri.resolve("/time"))
              .timeout(REQUEST_TIMEOUT)
              .header("Accept", "application/json")
              .GET()
              .build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new VenueException("coinbase clock unreadable at " + baseUri + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VenueException("interrupted while reading the coinbase clock", e);
      }
      JsonNode answer = parse(response);
      if (response.statusCode() != 200 || !answer.path("epoch").isNumber()) {
        throw new VenueException(
            "coinbase clock unreadable, HTTP " + response.statusCode() + ": " + response.body());
      }
      BigDecimal epoch = answer.path("epoch").decimalValue();
      Instant theirs =
          Instant.ofEpochSecond(
              epoch.longValue(), epoch.remainder(BigDecimal.ONE).movePointRight(9).intValue());
      skew = Duration.between(now, theirs);
      skewCheckedAt = now;
    }
    if (skew.abs().compareTo(safeguards.maxClockSkew()) > 0) {
      return Optional.of(
          "our clock is "
              + skew.abs().toMillis()
              + " ms "
              + (skew.isNegative() ? "ahead of" : "behind")
              + " the exchange's, more than "
              + safeguards.maxClockSkew().toMillis()
              + " ms; signed requests would be refused");
    }
    return Optional.empty();
  }

  /**
   * The venue's view of an order: its verdict and, once anything is filled, every fill with its
   * trade id (read from {@code /fills}). A fill list that cannot be read now leaves the order
   * working with the fills known so far, for the fill loop to read again; unless {@code lenient}
   * (the answer to our own POST: the order exists, which must not be mistaken for no answer), that
   * failure is thrown.
   */
  private VenueResult toResult(JsonNode answer, boolean lenient) throws VenueException {
    String status = answer.path("status").asText("");
    String id = answer.path("id").asText("");
    String text = "coinbase order " + id + " " + status;
    if ("rejected".equals(status)) {
      return VenueResult.rejected("coinbase: " + answer.path("reject_reason").asText("rejected"));
    }
    BigDecimal filled = decimal(answer.path("filled_size").asText("0"));
    List<Fill> fills = List.of();
    if (filled.signum() > 0) {
      try {
        fills = fills(id);
      } catch (VenueException e) {
        if (!lenient) {
          throw e;
        }
        return VenueResult.accepted(text + "; fills not read yet: " + e.getMessage());
      }
    }
    BigDecimal counted = BigDecimal.ZERO;
    for (Fill f : fills) {
      counted = counted.add(f.quantity());
    }
    if (counted.compareTo(filled) < 0) {
      // The fill list lags the order's filled size: keep it working until both agree.
      return new VenueResult(VenueResult.Outcome.ACCEPTED, fills, text);
    }
    if ("done".equals(status)) {
      String reason = answer.path("done_reason").asText("");
      boolean complete =
          "filled".equals(reason) || (reason.isEmpty() && filled.signum() > 0 && !fills.isEmpty());
      return new VenueResult(
          complete && !fills.isEmpty() ? VenueResult.Outcome.FILLED : VenueResult.Outcome.CANCELED,
          fills,
          text + (reason.isEmpty() ? "" : " (" + reason + ")"));
    }
    return new VenueResult(
        fills.isEmpty() ? VenueResult.Outcome.ACCEPTED : VenueResult.Outcome.FILLED, fills, text);
  }

  /** Every fill of the venue's order {@code id}, oldest first ({@code GET /fills}). */
  private List<Fill> fills(String id) throws VenueException {
    HttpResponse<String> response = send("GET", "/fills?order_id=" + id + "&limit=1000", "");
    JsonNode answer = parse(response);
    if (response.statusCode() / 100 != 2 || !answer.isArray()) {
      throw new VenueException(
          "coinbase did not list the fills of order " + id + ", HTTP " + response.statusCode());
    }
    List<Fill> fills = new ArrayList<>();
    for (JsonNode fill : answer) {
      fills.add(
          new Fill(
              fill.path("trade_id").asText(),
              decimal(fill.path("size").asText("0")),
              decimal(fill.path("price").asText("0"))));
    }
    fills.sort(Comparator.comparing(Fill::fillId, CoinbaseVenue::byTradeId));
    return fills;
  }

  /** Trade ids are integers at Coinbase: numeric order, falling back to text. */
  private static int byTradeId(String a, String b) {
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  private static BigDecimal decimal(String text) {
    return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
  }

  private HttpResponse<String> send(String method, String path, String body) throws VenueException {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("CB-ACCESS-KEY", credentials.apiKey())
            .header("CB-ACCESS-SIGN", signer.sign(timestamp, method, path, body))
            .header("CB-ACCESS-TIMESTAMP", timestamp)
            .header("CB-ACCESS-PASSPHRASE", credentials.passphrase())
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new VenueException("coinbase unreachable at " + baseUri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VenueException("interrupted while waiting for coinbase", e);
    }
  }

  private static JsonNode parse(HttpResponse<String> response) throws VenueException {
    try {
      String text = response.body();
      return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new VenueException(
          "coinbase answered HTTP " + response.statusCode() + " with no JSON", e);
    }
  }
}
