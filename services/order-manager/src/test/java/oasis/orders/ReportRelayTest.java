package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderType;
import trading.contracts.Side;
import trading.contracts.TradingMode;

class ReportRelayTest {
  private final InMemoryOrderStore store = new InMemoryOrderStore();
  private final OrderMetrics metrics = new OrderMetrics(new PrometheusRegistry());
  private final List<CompletableFuture<Void>> acks = new ArrayList<>();
  private final List<ExecutionReport> sent = new ArrayList<>();

  /** A broker whose acknowledgements the test gives (or refuses) by hand. */
  private final ReportRelay.Sink broker =
      report -> {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        sent.add(report);
        acks.add(ack);
        return ack;
      };

  private final ReportRelay relay =
      ReportRelay.background(store.outbox(), broker, metrics, "test", Duration.ofMillis(200));

  private static Order order(String id) {
    return Order.newOrder(
        id,
        "c-" + id,
        "BTC-USD",
        Side.BUY,
        OrderType.LIMIT,
        new java.math.BigDecimal("0.01"),
        new java.math.BigDecimal("50000"),
        "s",
        TradingMode.REAL,
        Instant.EPOCH);
  }

  @Test
  void aReportStaysInTheOutboxUntilTheBrokerAcknowledgedIt() {
    Order o1 = order("o1");
    store.createIfAbsent(o1, List.of(OrderCodec.toReport(o1, null)));

    // the broker does not answer within the bound: kept
    assertThat(relay.drainOnce()).isZero();
    assertThat(store.outbox().size()).isEqualTo(1);
    // the broker refuses: kept, and sent again next time with the same id
    int before = sent.size();
    ReportRelay refusing =
        ReportRelay.background(
            store.outbox(),
            r -> CompletableFuture.failedFuture(new IllegalStateException("broker away")),
            metrics,
            "test",
            Duration.ofMillis(200));
    assertThat(refusing.drainOnce()).isZero();
    assertThat(store.outbox().size()).isEqualTo(1);

    ReportRelay acknowledging =
        ReportRelay.background(
            store.outbox(),
            r -> {
              sent.add(r);
              return CompletableFuture.completedFuture(null);
            },
            metrics,
            "test",
            Duration.ofMillis(200));
    assertThat(acknowledging.drainOnce()).isEqualTo(1);
    assertThat(store.outbox().size()).isZero();
    assertThat(sent.subList(before, sent.size()))
        .extracting(ExecutionReport::getReportId)
        .containsExactly("o1:0");
    assertThat(sent).extracting(ExecutionReport::getReportId).containsOnly("o1:0");
  }

  @Test
  void aChangeThatLosesTheCompareAndSetQueuesNoReport() {
    Order o1 = order("o1");
    store.createIfAbsent(o1, List.of());
    Order accepted = o1.transitionTo(trading.contracts.OrderStatus.ACCEPTED, "", Instant.EPOCH);

    assertThat(store.replace(accepted, accepted, List.of(OrderCodec.toReport(accepted, null))))
        .isFalse();
    assertThat(store.outbox().size()).isZero();
  }
}
