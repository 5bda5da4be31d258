package oasis.orders;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderStatus;

/**
 * Every write of the order service: a compare-and-set of the order with the execution reports of
 * the change, counted in the metrics and handed to the relay. A writer that loses the
 * compare-and-set writes and reports nothing, and reads what the winner stored.
 */
final class OrderWriter {
  private static final Logger LOG = LoggerFactory.getLogger(OrderWriter.class);

  private final OrderStore store;
  private final ReportRelay relay;
  private final OrderMetrics metrics;
  private final Clock clock;

  OrderWriter(OrderStore store, ReportRelay relay, OrderMetrics metrics, Clock clock) {
    this.store = store;
    this.relay = relay;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Stores a new order with its NEW report; the existing order when its client id is taken. */
  Optional<Order> create(Order candidate) {
    Optional<Order> existing =
        stored(
            () -> store.createIfAbsent(candidate, List.of(OrderCodec.toReport(candidate, null))));
    if (existing.isEmpty()) {
      metrics.transition(null, OrderStatus.NEW);
      relay.wake();
    }
    return existing;
  }

  Order unknown(Order order, String text) {
    return order.status() == OrderStatus.UNKNOWN
        ? order
        : save(order, order.transitionTo(OrderStatus.UNKNOWN, text, clock.instant()), null);
  }

  Order apply(Order order, VenueResult result) {
    if (result.outcome() == VenueResult.Outcome.REJECTED) {
      metrics.submitError("rejected");
    }
    VenueUpdate.Change change = VenueUpdate.apply(order, result, clock.instant());
    if (change.isEmpty()) {
      return order;
    }
    return swap(order, change.next(), change.reports()).orElseGet(() -> current(order));
  }

  /**
   * Stores {@code after} if the order is still {@code before}, then counts and reports it; else
   * another instance moved the order first, and its state (already reported by it) is returned.
   */
  Order save(Order before, Order after, Fill fill) {
    return swap(before, after, List.of(OrderCodec.toReport(after, fill)))
        .orElseGet(() -> current(before));
  }

  Optional<Order> swap(Order before, Order after, List<ExecutionReport> reports) {
    if (!stored(() -> store.replace(before, after, reports))) {
      LOG.info(
          "order {} changed by another instance before {} could be stored; its state is kept",
          before.orderId(),
          after.status());
      return Optional.empty();
    }
    metrics.transition(before.status(), after.status());
    relay.wake();
    return Optional.of(after);
  }

  Order current(Order order) {
    return stored(() -> store.findById(order.orderId())).orElse(order);
  }

  /** Runs a store operation, counting its failure as a submit error before passing it on. */
  <T> T stored(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RuntimeException e) {
      metrics.submitError("store_error");
      throw e;
    }
  }
}
