package oasis.orders;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import trading.contracts.ExecutionReport;

/** Orders in this process's memory: lost on restart; used when Redis is off and in tests. */
public final class InMemoryOrderStore implements OrderStore, ReportOutbox {
  private final Map<String, Order> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByClientId = new ConcurrentHashMap<>();
  private final Deque<ExecutionReport> outbox = new ArrayDeque<>();
  private final ReentrantLock drainer = new ReentrantLock();

  @Override
  public synchronized Optional<Order> createIfAbsent(Order order, List<ExecutionReport> reports) {
    // The order goes in before its client id points at it, so a winner is always readable.
    byId.put(order.orderId(), order);
    String existing = idByClientId.putIfAbsent(order.clientOrderId(), order.orderId());
    if (existing != null) {
      byId.remove(order.orderId());
      return Optional.of(byId.get(existing));
    }
    outbox.addAll(reports);
    return Optional.empty();
  }

  @Override
  public synchronized boolean replace(Order expected, Order next, List<ExecutionReport> reports) {
    if (!byId.replace(next.orderId(), expected, next)) {
      return false;
    }
    outbox.addAll(reports);
    return true;
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

  @Override
  public List<Order> open() {
    List<Order> open = new ArrayList<>();
    for (Order order : byId.values()) {
      if (!order.isTerminal()) {
        open.add(order);
      }
    }
    return open;
  }

  @Override
  public ReportOutbox outbox() {
    return this;
  }

  @Override
  public synchronized List<ExecutionReport> peek(int max) {
    List<ExecutionReport> head = new ArrayList<>(Math.min(max, outbox.size()));
    for (ExecutionReport report : outbox) {
      if (head.size() == max) {
        break;
      }
      head.add(report);
    }
    return head;
  }

  @Override
  public synchronized void remove(int count) {
    for (int i = 0; i < count && !outbox.isEmpty(); i++) {
      outbox.removeFirst();
    }
  }

  @Override
  public synchronized long size() {
    return outbox.size();
  }

  @Override
  public boolean lease(String owner, Duration ttl) {
    // One process: the drainers take turns, so a report waits for the holder, never behind it.
    drainer.lock();
    return true;
  }

  @Override
  public void release(String owner) {
    if (drainer.isHeldByCurrentThread()) {
      drainer.unlock();
    }
  }
}
