package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import oasis.orders.Venues;
import oasis.orders.coinbase.CoinbaseCredentials;
import oasis.orders.coinbase.CoinbaseVenue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import trading.contracts.OrderRequest;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

/**
 * The mode rule, exhaustively: a message's mode {absent, REAL, PAPER} in the existing contract's
 * format × the order manager's ceiling {paper, real} × through the risk engine or straight to the
 * order manager, against an exchange stub that records every request. An existing client cannot ask
 * for real money, so none of these may reach the exchange; each is filled on paper. Our own
 * contract's REAL with real_money is the control: it reaches the stub exactly when the ceiling is
 * real, which shows the stub would have seen any of the others.
 */
class ModeMatrixIT {
  private static final RiskLimits LIMITS =
      new RiskLimits(BigDecimal.ONE, new BigDecimal("100000"), BigDecimal.TEN, 100, 0.5, 0, false);
  private static final AtomicLong SEQUENCE = new AtomicLong(1_700_000_000L);

  private final List<String> exchangeRequests = Collections.synchronizedList(new ArrayList<>());
  private HttpServer exchange;

  @BeforeEach
  void startExchangeStub() throws IOException {
    exchange = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    exchange.createContext(
        "/",
        http -> {
          String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          exchangeRequests.add(http.getRequestMethod() + " " + http.getRequestURI() + " " + body);
          byte[] answer =
              "{\"id\":\"x-1\",\"status\":\"pending\"}".getBytes(StandardCharsets.UTF_8);
          http.sendResponseHeaders(200, answer.length);
          http.getResponseBody().write(answer);
          http.close();
        });
    exchange.start();
  }

  @AfterEach
  void stopExchangeStub() {
    exchange.stop(0);
  }

  private OrderPath path(String ceiling) throws IOException {
    URI stub = URI.create("http://127.0.0.1:" + exchange.getAddress().getPort());
    CoinbaseCredentials credentials =
        CoinbaseCredentials.of(
            "key", Base64.getEncoder().encodeToString("not-a-secret".getBytes()), "pass");
    OrderPath path =
        new OrderPath(
            LIMITS,
            Duration.ofSeconds(5),
            1,
            paper ->
                "real".equals(ceiling)
                    ? Venues.real(paper, new CoinbaseVenue(stub, credentials, Clock.systemUTC()))
                    : Venues.paperOnly(paper));
    path.price("BTC-USD", "50000");
    return path;
  }

  @ParameterizedTest(name = "existing client, mode {0}, order manager {1}, via {2}")
  @CsvSource({
    "absent, paper, risk",
    "absent, paper, direct",
    "absent, real, risk",
    "absent, real, direct",
    "REAL, paper, risk",
    "REAL, paper, direct",
    "REAL, real, risk",
    "REAL, real, direct",
    "PAPER, paper, risk",
    "PAPER, paper, direct",
    "PAPER, real, risk",
    "PAPER, real, direct",
  })
  void anExistingClientsOrderIsFilledOnPaperAndNeverReachesTheExchange(
      String mode, String ceiling, String via) throws Exception {
    String wireMode = "absent".equals(mode) ? null : mode;
    try (OrderPath path = path(ceiling)) {
      BaselineClient client =
          new BaselineClient("risk".equals(via) ? path.riskChannel() : path.orderManagerChannel());

      DynamicMessage submission;
      if ("risk".equals(via)) {
        DynamicMessage r =
            client.validateSignal(
                BaselineClient.signal("old", "buy", wireMode, SEQUENCE.incrementAndGet()));
        assertThat(BaselineClient.get(r, "approved")).as("%s", r).isEqualTo(true);
        DynamicMessage forwarded = (DynamicMessage) BaselineClient.get(r, "order_request");
        assertThat(BaselineClient.get(forwarded, "mode")).isEqualTo("PAPER");
        assertThat(BaselineClient.get(forwarded, "side")).isEqualTo("BUY");
        assertThat(BaselineClient.get(forwarded, "order_type")).isEqualTo("MARKET");
        // The submission is our addition (field 5): read it as our clients would.
        submission =
            BaselineClient.CONTRACT.parse(
                "trading.contracts.OrderSubmissionResponse",
                SignalValidationResponse.parseFrom(r.toByteArray()).getSubmission().toByteArray());
      } else {
        submission =
            client.executeOrder(
                BaselineClient.order("old-" + SEQUENCE.incrementAndGet(), "Buy", wireMode));
      }

      assertThat(BaselineClient.get(submission, "status")).isEqualTo("FILLED");
      assertThat((String) BaselineClient.get(submission, "order_id")).isNotEmpty();
      assertThat((String) BaselineClient.get(submission, "details")).contains("paper fill");
      var ours = trading.contracts.OrderSubmissionResponse.parseFrom(submission.toByteArray());
      assertThat(ours.getRealMoney()).isFalse();
      assertThat(ours.getMode()).isEqualTo(TradingMode.PAPER);
      assertThat(exchangeRequests).as("requests that reached the exchange").isEmpty();
    }
  }

  @ParameterizedTest(name = "our REAL with real_money, order manager {0}, via {1}")
  @CsvSource({"paper, risk", "paper, direct", "real, risk", "real, direct"})
  void onlyAnExplicitRealMoneyOrderReachesTheExchangeAndOnlyUnderARealCeiling(
      String ceiling, String via) throws Exception {
    try (OrderPath path = path(ceiling)) {
      trading.contracts.OrderSubmissionResponse submission;
      if ("risk".equals(via)) {
        submission =
            path.risk()
                .validateSignal(
                    TradingSignal.newBuilder()
                        .setStrategyId("ours")
                        .setSymbol("BTC-USD")
                        .setSide("SELL")
                        .setConfidence(0.9)
                        .setSignalTimestamp(
                            Timestamp.newBuilder().setSeconds(SEQUENCE.incrementAndGet()))
                        .setMode(TradingMode.REAL)
                        .setRealMoney(true)
                        .build())
                .getSubmission();
      } else {
        submission =
            path.orderManager()
                .executeOrder(
                    OrderRequest.newBuilder()
                        .setClientOrderId("ours-" + SEQUENCE.incrementAndGet())
                        .setSymbol("BTC-USD")
                        .setSide("SELL")
                        .setOrderType("MARKET")
                        .setQuantity("0.01")
                        .setMode(TradingMode.REAL)
                        .setRealMoney(true)
                        .build());
      }

      if ("real".equals(ceiling)) {
        assertThat(exchangeRequests).singleElement().asString().startsWith("POST /orders");
        assertThat(submission.getRealMoney()).isTrue();
        assertThat(submission.getMode()).isEqualTo(TradingMode.REAL);
        assertThat(submission.getStatus()).isEqualTo("ACCEPTED");
      } else {
        assertThat(exchangeRequests).as("a paper ceiling sends nothing anywhere").isEmpty();
        assertThat(submission.getRealMoney()).isFalse();
        assertThat(submission.getMode()).isEqualTo(TradingMode.PAPER);
        assertThat(submission.getStatus()).isEqualTo("FILLED");
      }
    }
  }
}
