package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import oasis.service.marketdata.LastPrices;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderStatus;

/** Paper fills use only a price younger than the bound; seeds only until a live trade. */
class PaperVenueStalePriceTest {
  private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");
  private final LastPrices prices =
      new LastPrices(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
  private final OrderService service =
      new OrderService(
          new InMemoryOrderStore(),
          new PaperVenue(prices),
          new ArrayList<>()::add,
          new OrderMetrics(new PrometheusRegistry()));

  @Test
  void aStalePriceRejectsThePaperOrderSayingHowOldItIs() throws Exception {
    prices.update("BTC-USD", new BigDecimal("64000"), "9", NOW.minusSeconds(45));

    Order order = service.submit(OrderServiceTest.market("c1", "1"));

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.details())
        .contains("market price for BTC-USD is stale: last trade received 45000 ms ago");
  }

  @Test
  void aFreshPriceFillsAndASeedFillsOnlyBeforeAnyLiveTrade() throws Exception {
    prices.seedPaper("BTC-USD", new BigDecimal("50000"));
    assertThat(service.submit(OrderServiceTest.market("c1", "1")).averagePrice())
        .isEqualByComparingTo("50000");

    prices.update("BTC-USD", new BigDecimal("64000"), "9", NOW.minusSeconds(5));
    assertThat(service.submit(OrderServiceTest.market("c2", "1")).averagePrice())
        .isEqualByComparingTo("64000");
  }
}
