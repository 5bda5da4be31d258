package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import oasis.service.marketdata.LastPrices;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.RejectReason;
import trading.contracts.Side;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingMode;

/** Notional and limits use only a price younger than the bound; paper seeds never real money. */
class RiskEnginePriceAgeTest {
  private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");
  private final LastPrices prices =
      new LastPrices(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
  private final RiskEngine engine =
      new RiskEngine(
          new RiskLimits(
              new BigDecimal("1"), new BigDecimal("100000"), new BigDecimal("2"), 3, 0.5, 0, false),
          new OrderSizing(new BigDecimal("0.5"), Map.of()),
          prices,
          new InMemoryPositionBook(),
          new RateLimiter(0, System::nanoTime),
          order ->
              OrderSubmissionResponse.newBuilder()
                  .setClientOrderId(order.getClientOrderId())
                  .setStatus("FILLED")
                  .setFilledQuantity(order.getQuantity())
                  .build(),
          new RiskMetrics(new PrometheusRegistry()));

  @Test
  void aStalePriceRejectsTheSignalWithItsAge() {
    prices.update("BTC-USD", new BigDecimal("64000"), "9", NOW.minusSeconds(31));

    SignalValidationResponse response = engine.validate(RiskEngineTest.signal(Side.BUY));

    assertThat(response.getApproved()).isFalse();
    assertThat(response.getRejectCode()).isEqualTo(RejectReason.NO_MARKET_PRICE);
    assertThat(response.getReason())
        .contains("market price for BTC-USD is stale: last trade received 31000 ms ago");
  }

  @Test
  void aPaperSeedPriceServesPaperSignalsButNeverRealOnes() {
    prices.seedPaper("BTC-USD", new BigDecimal("50000"));

    SignalValidationResponse paper =
        engine.validate(
            RiskEngineTest.signal(Side.BUY).toBuilder().setMode(TradingMode.PAPER).build());
    SignalValidationResponse real =
        engine.validate(
            RiskEngineTest.signal(Side.SELL).toBuilder().setMode(TradingMode.REAL).build());

    assertThat(paper.getApproved()).as(paper.getReason()).isTrue();
    assertThat(paper.getOrderRequest().getPrice()).isEqualTo("50000");
    assertThat(real.getApproved()).isFalse();
    assertThat(real.getReason()).isEqualTo("no market price for BTC-USD yet");
  }
}
