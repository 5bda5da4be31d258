package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oasis.control.v1.BotStatus;
import org.junit.jupiter.api.Test;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

class SignalDispatcherTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<TradingSignal> sent = new ArrayList<>();
  private final StrategyRunner runner =
      new StrategyRunner(
          StrategyRunner.discover(),
          Map.of("momentum", Map.of("short_window", "2", "long_window", "4")));
  private int tick;

  private double counter(String name, String status) {
    for (MetricSnapshot snapshot : registry.scrape()) {
      if ((snapshot.getMetadata().getPrometheusName() + "_total").equals(name)) {
        for (CounterSnapshot.CounterDataPointSnapshot p :
            ((CounterSnapshot) snapshot).getDataPoints()) {
          if (status == null || status.equals(p.getLabels().get("status"))) {
            return p.getValue();
          }
        }
      }
    }
    return 0;
  }

  private void feed(SignalDispatcher dispatcher, String... prices) {
    for (String price : prices) {
      dispatcher.onTrade(MomentumStrategyTest.trade("BTC-USD", price, tick++));
    }
  }

  @Test
  void verdictsAreCountedAsAcceptedOrRejectedAndTradesAsProcessed() {
    SignalDispatcher dispatcher =
        new SignalDispatcher(
            runner,
            signal -> {
              sent.add(signal);
              return SignalValidationResponse.newBuilder()
                  .setApproved("BUY".equals(signal.getSide()))
                  .build();
            },
            new StrategyMetrics(registry));

    feed(dispatcher, "10", "10", "9", "9", "9", "12", "12", "12", "8", "8");

    assertThat(sent).hasSize(2);
    assertThat(counter("strategy_signal_validation_result_total", "accepted")).isEqualTo(1);
    assertThat(counter("strategy_signal_validation_result_total", "rejected")).isEqualTo(1);
    assertThat(counter("strategy_trades_processed_total", null)).isEqualTo(10);
  }

  @Test
  void anUnreachableRiskEngineIsCountedAsAnErrorNotAVerdict() {
    SignalDispatcher dispatcher =
        new SignalDispatcher(
            runner,
            signal -> {
              throw new SendException("risk engine: UNAVAILABLE", null);
            },
            new StrategyMetrics(registry));

    feed(dispatcher, "10", "10", "9", "9", "9", "12");

    assertThat(counter("strategy_signal_errors_total", null)).isEqualTo(1);
    assertThat(counter("strategy_signal_validation_result_total", "accepted")).isZero();
  }

  @Test
  void commandsReachTheRunner() {
    SignalDispatcher dispatcher =
        new SignalDispatcher(runner, signal -> null, new StrategyMetrics(registry));

    assertThat(dispatcher.onCommand(StrategyRunnerTest.bot(BotStatus.PAUSED)))
        .isEqualTo(CommandResult.APPLIED);
    assertThat(runner.botStatus()).isEqualTo(BotStatus.PAUSED);
  }
}
