package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import oasis.testkit.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

class RedisPositionBookIT {
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

  @Test
  void fillsAddUpExactlyAndSurviveANewClient() {
    RedisPositionBook book = new RedisPositionBook(client, "p1:");

    book.applyFill("f1", "BTC-USD", new BigDecimal("0.1"));
    book.applyFill("f2", "BTC-USD", new BigDecimal("0.2"));
    book.applyFill("f3", "ETH-USD", new BigDecimal("-1.00000001"));

    try (JedisPooled other = new JedisPooled(redis.host(), redis.port())) {
      RedisPositionBook restarted = new RedisPositionBook(other, "p1:");
      // 0.1 + 0.2 is 0.30000000000000004 in binary floating point
      assertThat(restarted.position("BTC-USD")).isEqualByComparingTo("0.3");
      assertThat(restarted.position("ETH-USD")).isEqualByComparingTo("-1.00000001");
      assertThat(restarted.position("SOL-USD")).isEqualByComparingTo("0");
      assertThat(restarted.exposure("BTC-USD", new BigDecimal("64250.12")))
          .isEqualByComparingTo("19275.036");
    }
  }

  @Test
  void aFillReportedTwiceCountsOnce() {
    RedisPositionBook book = new RedisPositionBook(client, "p2:");

    book.applyFill("same", "BTC-USD", new BigDecimal("0.5"));
    book.applyFill("same", "BTC-USD", new BigDecimal("0.5"));

    assertThat(book.position("BTC-USD")).isEqualByComparingTo("0.5");
  }

  @Test
  void workingOrdersAreCountedUntilClosed() {
    RedisPositionBook book = new RedisPositionBook(client, "p3:");

    book.orderOpened("a");
    book.orderOpened("b");
    book.orderOpened("a");
    book.orderClosed("b");

    assertThat(book.openOrders()).isEqualTo(1);
  }
}
