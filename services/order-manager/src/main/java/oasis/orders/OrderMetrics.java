package oasis.orders;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Collection;
import trading.contracts.OrderStatus;
import trading.contracts.TradingMode;

/** The order manager's metrics: execution latency, submit errors and orders by status. */
public final class OrderMetrics {
  private final Histogram executionLatency;
  private final Counter submitErrors;
  private final Gauge ordersByStatus;
  private final Counter reportErrors;

  /** Registers the metrics in {@code registry}, without constant labels (tests). */
  public OrderMetrics(PrometheusRegistry registry) {
    this(registry, Labels.EMPTY);
  }

  /** Registers the metrics in {@code registry}, each with {@code constLabels} (version, track). */
  public OrderMetrics(PrometheusRegistry registry, Labels constLabels) {
    executionLatency =
        Histogram.builder()
            .name("order_execution_latency_seconds")
            .help("Time from ExecuteOrder received to the order acknowledged")
            .constLabels(constLabels)
            .labelNames("mode")
            .classicOnly()
            .classicUpperBounds(
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .register(registry);
    submitErrors =
        Counter.builder()
            .name("order_submit_errors_total")
            .help("Orders that could not be submitted, by reason")
            .constLabels(constLabels)
            .labelNames("reason")
            .register(registry);
    ordersByStatus =
        Gauge.builder()
            .name("order_manager_orders")
            .help("Orders known to the order manager, by status")
            .constLabels(constLabels)
            .labelNames("status")
            .register(registry);
    reportErrors =
        Counter.builder()
            .name("order_execution_report_errors_total")
            .help("Execution reports that could not be published")
            .constLabels(constLabels)
            .register(registry);
    for (OrderStatus status : OrderStatus.values()) {
      if (status != OrderStatus.ORDER_STATUS_UNSPECIFIED && status != OrderStatus.UNRECOGNIZED) {
        ordersByStatus.labelValues(status.name()).set(0);
      }
    }
  }

  /**
   * Records the time one ExecuteOrder took, labelled with the order's effective mode ({@code paper}
   * or {@code real}; {@code none} for a request refused before it had one).
   */
  public void observeExecution(TradingMode mode, long nanos) {
    String label = mode == null ? "none" : mode.name().toLowerCase(java.util.Locale.ROOT);
    executionLatency.labelValues(label).observe(nanos / 1e9);
  }

  /** Counts a failed submit: invalid, conflict, rejected, venue_error, store_error. */
  public void submitError(String reason) {
    submitErrors.labelValues(reason).inc();
  }

  /** Counts an execution report that could not be published. */
  public void reportError() {
    reportErrors.inc();
  }

  /** Moves one order from {@code from} (null for a new order) to {@code to}. */
  public void transition(OrderStatus from, OrderStatus to) {
    if (from != null) {
      ordersByStatus.labelValues(from.name()).dec();
    }
    ordersByStatus.labelValues(to.name()).inc();
  }

  /** Sets the gauges from the orders found at start (after a restart with Redis). */
  public void load(Collection<Order> orders) {
    for (Order order : orders) {
      transition(null, order.status());
    }
  }
}
