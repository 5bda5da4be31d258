package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;
import org.junit.jupiter.api.Test;

class OrderManagerConfigTest {
  @Test
  void defaultsArePaperInMemoryOnTheProjectPorts() {
    OrderManagerConfig config = OrderManagerConfig.from(Map.of());

    assertThat(config.mode()).isEqualTo(OrderManagerConfig.Mode.PAPER);
    assertThat(config.useRedis()).isFalse();
    assertThat(config.marketTopic()).isEqualTo("market-data.trades.normalized");
    assertThat(config.executionReportsTopic()).isEqualTo("orders.execution-reports");
  }

  @Test
  void badValuesAreRefusedWithOneLineNamingTheVariable() {
    assertThatThrownBy(() -> OrderManagerConfig.from(Map.of("ORDER_MANAGER_MODE", "yolo")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ORDER_MANAGER_MODE must be paper or real, got 'yolo'");
    assertThatThrownBy(() -> OrderManagerConfig.from(Map.of("RISK_USE_REDIS", "maybe")))
        .hasMessageStartingWith("ORDER_MANAGER_USE_REDIS or RISK_USE_REDIS must be 0 or 1");
    assertThatThrownBy(() -> OrderManagerConfig.from(Map.of("PAPER_SEED_PRICES", "BTC-USD=-1")))
        .hasMessageStartingWith("PAPER_SEED_PRICES must be");
  }

  @Test
  void redisFollowsTheSystemSwitchUnlessTheOrderManagerHasItsOwn() {
    assertThat(OrderManagerConfig.from(Map.of("RISK_USE_REDIS", "1")).useRedis()).isTrue();
    assertThat(
            OrderManagerConfig.from(Map.of("RISK_USE_REDIS", "1", "ORDER_MANAGER_USE_REDIS", "0"))
                .useRedis())
        .isFalse();
  }

  @Test
  void theMarketTopicFallsBackToMarketDataTopicAndSeedPricesParse() {
    OrderManagerConfig config =
        OrderManagerConfig.from(
            Map.of("MARKET_DATA_TOPIC", "md", "PAPER_SEED_PRICES", "btc-usd=50000.5,ETH-USD=3000"));

    assertThat(config.marketTopic()).isEqualTo("md");
    assertThat(config.seedPrices().get("BTC-USD")).isEqualByComparingTo("50000.5");
    assertThat(config.seedPrices()).hasSize(2);
  }

  @Test
  void realModeWithoutSecretsIsRefusedAtStartWithoutPrintingAnySecret() {
    Map<String, String> env =
        Map.of(
            "ORDER_MANAGER_MODE", "real",
            "COINBASE_API_KEY", "key-should-not-leak",
            "COINBASE_API_PASSPHRASE", "pass-should-not-leak",
            "ORDER_MANAGER_GRPC_PORT", "0",
            "ORDER_MANAGER_METRICS_PORT", "0");

    assertThatThrownBy(() -> OrderManagerService.start(ServiceConfig.of(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COINBASE_API_SECRET is required")
        .hasMessageNotContaining("should-not-leak");
  }

  @Test
  void realMoneyWithoutTheSharedStoreIsRefused() {
    OrderManagerConfig alone = OrderManagerConfig.from(Map.of("ORDER_MANAGER_MODE", "real"));
    assertThatThrownBy(alone::requireSharedStoreForRealMoney)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ORDER_MANAGER_MODE=real needs the shared order store");

    OrderManagerConfig.from(Map.of("ORDER_MANAGER_MODE", "real", "ORDER_MANAGER_USE_REDIS", "1"))
        .requireSharedStoreForRealMoney();
    OrderManagerConfig.from(Map.of()).requireSharedStoreForRealMoney();
  }

  @Test
  void aRealOrderManagerWithoutRedisDoesNotStart() {
    ServiceConfig config =
        ServiceConfig.of(
            Map.of(
                "ORDER_MANAGER_MODE", "real",
                "COINBASE_API_KEY", "k",
                "COINBASE_API_SECRET", "c2VjcmV0",
                "COINBASE_API_PASSPHRASE", "p",
                "ORDER_MANAGER_GRPC_PORT", "0",
                "ORDER_MANAGER_METRICS_PORT", "0"));

    assertThatThrownBy(() -> OrderManagerService.start(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORDER_MANAGER_USE_REDIS=1");
  }

  @Test
  void realMoneyTalksHttpsOnlyExceptToALoopbackTestExchangeNamedAsSuch() {
    assertThatThrownBy(
            () ->
                OrderManagerConfig.from(
                    Map.of(
                        "ORDER_MANAGER_MODE",
                        "real",
                        "COINBASE_API_URL",
                        "http://exchange.example")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("COINBASE_API_URL must be https in real mode");
    assertThatThrownBy(
            () ->
                OrderManagerConfig.from(
                    Map.of("ORDER_MANAGER_MODE", "real", "COINBASE_API_URL", "http://127.0.0.1:1")))
        .hasMessageStartingWith("COINBASE_API_URL must be https in real mode");
    assertThatThrownBy(
            () ->
                OrderManagerConfig.from(
                    Map.of(
                        "ORDER_MANAGER_MODE", "real",
                        "ORDER_MANAGER_TEST_EXCHANGE", "1",
                        "COINBASE_API_URL", "http://10.1.2.3:1")))
        .hasMessageStartingWith("COINBASE_API_URL must be https in real mode");

    assertThat(
            OrderManagerConfig.from(
                    Map.of(
                        "ORDER_MANAGER_MODE", "real",
                        "ORDER_MANAGER_TEST_EXCHANGE", "1",
                        "COINBASE_API_URL", "http://127.0.0.1:1"))
                .coinbaseUrl())
        .hasToString("http://127.0.0.1:1");
    assertThat(OrderManagerConfig.from(Map.of("ORDER_MANAGER_MODE", "real")).coinbaseUrl())
        .hasScheme("https");
  }

  @Test
  void exchangeRulesHaveSafeDefaultsAndBadValuesAreRefused() {
    OrderManagerConfig config = OrderManagerConfig.from(Map.of());
    assertThat(config.marketCollar()).isEqualByComparingTo("0.02");
    assertThat(config.maxClockSkew()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(config.productRules().product("BTC-USD")).isPresent();

    assertThatThrownBy(() -> OrderManagerConfig.from(Map.of("MARKET_COLLAR", "2")))
        .hasMessageStartingWith("MARKET_COLLAR must be a decimal fraction");
    assertThatThrownBy(() -> OrderManagerConfig.from(Map.of("MAX_CLOCK_SKEW_MS", "-5")))
        .hasMessageStartingWith("MAX_CLOCK_SKEW_MS must be a positive number");
    assertThatThrownBy(() -> OrderManagerConfig.from(Map.of("PRODUCT_RULES", "BTC-USD:0.1:0")))
        .hasMessageStartingWith("PRODUCT_RULES must be SYMBOL:size_increment");
  }
}
