package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import oasis.testkit.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import trading.contracts.OrderStatus;
import trading.contracts.OrderType;
import trading.contracts.Side;
import trading.contracts.TradingMode;

class RedisOrderStoreIT {
  private static RedisServerProcess redis;
  private static JedisPooled client;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
    client = new JedisPooled(redis.host(), redis.port());
  }

  @AfterAll
  static void stopRedis() throws Exception {
    client.close();
    redis.close();
  }

  private static Order order(String id, String clientId) {
    return Order.newOrder(
        id,
        clientId,
        "BTC-USD",
        Side.SELL,
        OrderType.LIMIT,
        new BigDecimal("0.125"),
        new BigDecimal("64000.5"),
        "momentum",
        TradingMode.PAPER,
        Instant.parse("2026-11-29T12:00:00Z"));
  }

  @Test
  void anOrderIsStoredWholeAndFoundByBothIds() {
    RedisOrderStore store = new RedisOrderStore(client, "t1:");
    Order order = order("o1", "c1");

    assertThat(store.createIfAbsent(order)).isEmpty();

    assertThat(store.findById("o1")).contains(order);
    assertThat(store.findByClientOrderId("c1")).contains(order);
    assertThat(store.all()).containsExactly(order);
  }

  @Test
  void aSecondOrderWithTheSameClientIdGetsTheFirstAndIsNotStored() {
    RedisOrderStore store = new RedisOrderStore(client, "t2:");
    Order first = order("o1", "c1");
    store.createIfAbsent(first);

    Optional<Order> existing = store.createIfAbsent(order("o2", "c1"));

    assertThat(existing).contains(first);
    assertThat(store.findById("o2")).isEmpty();
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void concurrentCreatesFromSeparateClientsAgreeOnOneOrder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String id = "o" + i;
        calls.add(
            () -> {
              try (JedisPooled own = new JedisPooled(redis.host(), redis.port())) {
                RedisOrderStore store = new RedisOrderStore(own, "t3:");
                return store.createIfAbsent(order(id, "same")).map(Order::orderId).orElse(id);
              }
            });
      }
      List<String> winners = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(calls, 20, TimeUnit.SECONDS)) {
        winners.add(f.get());
      }
      assertThat(winners).containsOnly(winners.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(new RedisOrderStore(client, "t3:").all()).hasSize(1);
  }

  @Test
  void aChangeIsACompareAndSetThatAStaleWriterAndAnUnknownOrderLose() {
    RedisOrderStore store = new RedisOrderStore(client, "t4:");
    Order order = order("o1", "c1");
    store.createIfAbsent(order);
    Order accepted = order.transitionTo(OrderStatus.ACCEPTED, "resting", order.createdAt());

    assertThat(store.replace(order, accepted)).isTrue();
    Order canceled = order.transitionTo(OrderStatus.CANCELED, "stale writer", order.createdAt());

    assertThat(store.replace(order, canceled))
        .as("written from a state no longer stored")
        .isFalse();
    assertThat(store.findById("o1"))
        .get()
        .extracting(Order::status)
        .isEqualTo(OrderStatus.ACCEPTED);
    Order unknown = order("nope", "c9");
    assertThat(store.replace(unknown, unknown)).isFalse();
    assertThat(store.findById("nope")).isEmpty();
  }

  @Test
  void ofConcurrentClaimsFromSeparateClientsExactlyOneWins() throws Exception {
    RedisOrderStore setup = new RedisOrderStore(client, "t5:");
    Order order = order("o1", "c1");
    setup.createIfAbsent(order);
    int contenders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    List<JedisPooled> clients = new ArrayList<>();
    try {
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        JedisPooled own = new JedisPooled(redis.host(), redis.port());
        clients.add(own);
        RedisOrderStore store = new RedisOrderStore(own, "t5:");
        Order claim =
            order.transitionTo(
                OrderStatus.SENT, "claimed by " + i, order.createdAt().plusMillis(i + 1));
        claims.add(pool.submit(() -> store.replace(order, claim)));
      }
      int won = 0;
      for (Future<Boolean> claim : claims) {
        won += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
      clients.forEach(JedisPooled::close);
    }
    assertThat(setup.findById("o1")).get().extracting(Order::status).isEqualTo(OrderStatus.SENT);
  }
}
