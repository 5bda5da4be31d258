package oasis.orders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * Orders in Redis: each order's {@code OrderState} protobuf under its id, an index from client
 * order id to order id, and the set of all ids. Creation is one Lua script, so an order and its
 * index appear together or not at all, and a second submit with the same client id sees the first;
 * every later change is a compare-and-set, so two instances never both move one order.
 */
public final class RedisOrderStore implements OrderStore {
  private static final String CREATE =
      "local existing = redis.call('GET', KEYS[2])\n"
          + "if existing then return existing end\n"
          + "redis.call('SET', KEYS[1], ARGV[1])\n"
          + "redis.call('SET', KEYS[2], ARGV[2])\n"
          + "redis.call('SADD', KEYS[3], ARGV[2])\n"
          + "return false\n";

  /**
   * Compare-and-set on the stored bytes: the serialized state is its own version (every change
   * moves status, fills or updated_at), so a writer that read an older state loses.
   */
  private static final String REPLACE =
      "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end\n"
          + "redis.call('SET', KEYS[1], ARGV[2])\n"
          + "return 1\n";

  private final UnifiedJedis redis;
  private final String prefix;

  /** Keys go under {@code prefix} (e.g. "oasis:orders:"). */
  public RedisOrderStore(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Optional<Order> createIfAbsent(Order order) {
    Object existing =
        redis.eval(
            CREATE.getBytes(StandardCharsets.UTF_8),
            List.of(
                orderKey(order.orderId()), clientKey(order.clientOrderId()), bytes(prefix + "ids")),
            List.of(OrderCodec.toState(order).toByteArray(), bytes(order.orderId())));
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
  public boolean replace(Order expected, Order next) {
    Object replaced =
        redis.eval(
            REPLACE.getBytes(StandardCharsets.UTF_8),
            List.of(orderKey(next.orderId())),
            List.of(
                OrderCodec.toState(expected).toByteArray(),
                OrderCodec.toState(next).toByteArray()));
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
