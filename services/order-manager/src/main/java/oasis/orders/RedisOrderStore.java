package oasis.orders;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import trading.contracts.ExecutionReport;

/**
 * Orders in Redis: each order's {@code OrderState} protobuf under its id, an index from client
 * order id to order id, and the set of all ids. Creation is one Lua script, so an order and its
 * index appear together or not at all, and a second submit with the same client id sees the first;
 * every later change is a compare-and-set, so two instances never both move one order. Each write
 * appends its execution reports to the outbox list ({@code <prefix>outbox}) and keeps the set of
 * open orders ({@code <prefix>open}) in the same script, so a change and its reports are stored
 * together or not at all.
 */
public final class RedisOrderStore implements OrderStore, ReportOutbox {
  private static final String CREATE =
      "local existing = redis.call('GET', KEYS[2])\n"
          + "if existing then return existing end\n"
          + "redis.call('SET', KEYS[1], ARGV[1])\n"
          + "redis.call('SET', KEYS[2], ARGV[2])\n"
          + "redis.call('SADD', KEYS[3], ARGV[2])\n"
          + "redis.call('SADD', KEYS[4], ARGV[2])\n"
          + "for i = 3, #ARGV do redis.call('RPUSH', KEYS[5], ARGV[i]) end\n"
          + "return false\n";

  /**
   * Compare-and-set on the stored bytes: the serialized state is its own version (every change
   * moves status, fills or updated_at), so a writer that read an older state loses.
   */
  private static final String REPLACE =
      "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end\n"
          + "redis.call('SET', KEYS[1], ARGV[2])\n"
          + "if ARGV[4] == '1' then redis.call('SREM', KEYS[2], ARGV[3])\n"
          + "else redis.call('SADD', KEYS[2], ARGV[3]) end\n"
          + "for i = 5, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end\n"
          + "return 1\n";

  /** Takes the drainer's lease, or renews it for its holder. */
  private static final String LEASE =
      "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end\n"
          + "if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
          + "  redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
          + "  return 1\n"
          + "end\n"
          + "return 0\n";

  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end\n"
          + "return 1\n";

  private final UnifiedJedis redis;
  private final String prefix;

  /** Keys go under {@code prefix} (e.g. "oasis:orders:"). */
  public RedisOrderStore(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Optional<Order> createIfAbsent(Order order, List<ExecutionReport> reports) {
    List<byte[]> args = new ArrayList<>();
    args.add(OrderCodec.toState(order).toByteArray());
    args.add(bytes(order.orderId()));
    reports.forEach(r -> args.add(r.toByteArray()));
    Object existing =
        redis.eval(
            CREATE.getBytes(StandardCharsets.UTF_8),
            List.of(
                orderKey(order.orderId()),
                clientKey(order.clientOrderId()),
                bytes(prefix + "ids"),
                bytes(prefix + "open"),
                bytes(prefix + "outbox")),
            args);
    if (existing == null) {
      return Optional.empty();
    }
    String existingId = new String((byte[]) existing, StandardCharsets.UTF_8);
    return Optional.of(
        findById(existingId)
            .orElseThrow(
                () -> new IllegalStateException("index names missing order " + existingId)));
  }

  @Override
  public boolean replace(Order expected, Order next, List<ExecutionReport> reports) {
    List<byte[]> args = new ArrayList<>();
    args.add(OrderCodec.toState(expected).toByteArray());
    args.add(OrderCodec.toState(next).toByteArray());
    args.add(bytes(next.orderId()));
    args.add(bytes(next.isTerminal() ? "1" : "0"));
    reports.forEach(r -> args.add(r.toByteArray()));
    Object replaced =
        redis.eval(
            REPLACE.getBytes(StandardCharsets.UTF_8),
            List.of(orderKey(next.orderId()), bytes(prefix + "open"), bytes(prefix + "outbox")),
            args);
    return Long.valueOf(1).equals(replaced);
  }

  @Override
  public Optional<Order> findById(String orderId) {
    byte[] stored = redis.get(orderKey(orderId));
    return stored == null ? Optional.empty() : Optional.of(OrderCodec.fromBytes(stored));
  }

  @Override
  public Optional<Order> findByClientOrderId(String clientOrderId) {
    byte[] id = redis.get(clientKey(clientOrderId));
    return id == null ? Optional.empty() : findById(new String(id, StandardCharsets.UTF_8));
  }

  @Override
  public List<Order> all() {
    Set<byte[]> ids = redis.smembers(bytes(prefix + "ids"));
    List<Order> orders = new ArrayList<>(ids.size());
    for (byte[] id : ids) {
      findById(new String(id, StandardCharsets.UTF_8)).ifPresent(orders::add);
    }
    return orders;
  }

  @Override
  public List<Order> open() {
    List<Order> orders = new ArrayList<>();
    for (byte[] id : redis.smembers(bytes(prefix + "open"))) {
      findById(new String(id, StandardCharsets.UTF_8)).ifPresent(orders::add);
    }
    return orders;
  }

  @Override
  public ReportOutbox outbox() {
    return this;
  }

  @Override
  public List<ExecutionReport> peek(int max) {
    List<ExecutionReport> reports = new ArrayList<>();
    for (byte[] bytes : redis.lrange(bytes(prefix + "outbox"), 0, max - 1L)) {
      try {
        reports.add(ExecutionReport.parseFrom(bytes));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("outbox holds a report that is not an ExecutionReport", e);
      }
    }
    return reports;
  }

  @Override
  public void remove(int count) {
    // Writers only append at the tail; the lease holder alone trims the head.
    redis.ltrim(bytes(prefix + "outbox"), count, -1);
  }

  @Override
  public long size() {
    return redis.llen(bytes(prefix + "outbox"));
  }

  @Override
  public boolean lease(String owner, Duration ttl) {
    Object taken =
        redis.eval(
            LEASE, List.of(prefix + "outbox-lease"), List.of(owner, Long.toString(ttl.toMillis())));
    return Long.valueOf(1).equals(taken);
  }

  @Override
  public void release(String owner) {
    redis.eval(RELEASE, List.of(prefix + "outbox-lease"), List.of(owner));
  }

  private byte[] orderKey(String orderId) {
    return bytes(prefix + "order:" + orderId);
  }

  private byte[] clientKey(String clientOrderId) {
    return bytes(prefix + "client:" + clientOrderId);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
