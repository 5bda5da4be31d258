package oasis.orders;

import java.util.List;
import java.util.Optional;

/** Where orders live: in memory, or in Redis so that they survive a restart. */
public interface OrderStore {

  /**
   * Stores {@code order} unless an order with its client_order_id exists; atomic. Returns the
   * existing order when there is one, empty when {@code order} was stored.
   */
  Optional<Order> createIfAbsent(Order order);

  /**
   * Compare-and-set: stores {@code next} only if the stored state of its order is exactly {@code
   * expected}; atomic across every instance that shares the store. False when another writer got
   * there first (or the order is not stored): the caller reads the order again.
   */
  boolean replace(Order expected, Order next);

  /** The order with this order id. */
  Optional<Order> findById(String orderId);

  /** The order with this client order id. */
  Optional<Order> findByClientOrderId(String clientOrderId);

  /** Every stored order (for metrics at start and for recovery). */
  List<Order> all();
}
