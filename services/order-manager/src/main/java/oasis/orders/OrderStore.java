package oasis.orders;

import java.util.List;
import java.util.Optional;
import trading.contracts.ExecutionReport;

/**
 * Where orders live: in memory, or in Redis so that they survive a restart. Every write carries the
 * execution reports of the change, appended to the store's {@link #outbox()} in the same atomic
 * step: a change is stored with its reports or not at all.
 */
public interface OrderStore {

  /**
   * Stores {@code order} (and queues {@code reports}) unless an order with its client_order_id
   * exists; atomic. Returns the existing order when there is one, empty when {@code order} was
   * stored.
   */
  Optional<Order> createIfAbsent(Order order, List<ExecutionReport> reports);

  /** {@link #createIfAbsent(Order, List)} with no report. */
  default Optional<Order> createIfAbsent(Order order) {
    return createIfAbsent(order, List.of());
  }

  /**
   * Compare-and-set: stores {@code next} (and queues {@code reports}) only if the stored state of
   * its order is exactly {@code expected}; atomic across every instance that shares the store.
   * False when another writer got there first (or the order is not stored): nothing is written and
   * the caller reads the order again.
   */
  boolean replace(Order expected, Order next, List<ExecutionReport> reports);

  /** {@link #replace(Order, Order, List)} with no report. */
  default boolean replace(Order expected, Order next) {
    return replace(expected, next, List.of());
  }

  /** The order with this order id. */
  Optional<Order> findById(String orderId);

  /** The order with this client order id. */
  Optional<Order> findByClientOrderId(String clientOrderId);

  /** Every stored order (for metrics at start and for recovery). */
  List<Order> all();

  /** The orders not final yet (what the fill loop watches). */
  List<Order> open();

  /** The reports waiting to be published. */
  ReportOutbox outbox();
}
