package oasis.orders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Orders in this process's memory: lost on restart; used when Redis is off and in tests. */
public final class InMemoryOrderStore implements OrderStore {
  private final Map<String, Order> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByClientId = new ConcurrentHashMap<>();

  @Override
  public Optional<Order> createIfAbsent(Order order) {
    // The order goes in before its client id points at it, so a winner is always readable.
    byId.put(order.orderId(), order);
    String existing = idByClientId.putIfAbsent(order.clientOrderId(), order.orderId());
    if (existing != null) {
      byId.remove(order.orderId());
      return Optional.of(byId.get(existing));
    }
    return Optional.empty();
  }

  @Override
  public boolean replace(Order expected, Order next) {
    return byId.replace(next.orderId(), expected, next);
  }

  @Override
  public Optional<Order> findById(String orderId) {
    return Optional.ofNullable(byId.get(orderId));
  }

  @Override
  public Optional<Order> findByClientOrderId(String clientOrderId) {
    String id = idByClientId.get(clientOrderId);
    return id == null ? Optional.empty() : findById(id);
  }

  @Override
  public List<Order> all() {
    return List.copyOf(byId.values());
  }
}
