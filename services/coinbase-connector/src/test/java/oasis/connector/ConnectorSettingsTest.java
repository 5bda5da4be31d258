package oasis.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import oasis.service.ServiceConfig;
import org.junit.jupiter.api.Test;

class ConnectorSettingsTest {

  @Test
  void defaultsToTheSimulatedFeedAndTheTradingSystemNames() {
    ConnectorSettings settings = ConnectorSettings.from(ServiceConfig.of(Map.of()));

    assertThat(settings.simulated()).isTrue();
    assertThat(settings.simulatedRate()).isEqualTo(20);
    assertThat(settings.productIds()).containsExactly("BTC-USD", "ETH-USD");
    assertThat(settings.channels()).containsExactly("matches", "heartbeat");
    assertThat(settings.rawTopic()).isEqualTo("market-data.trades.coinbase");
  }

  @Test
  void readsARealFeedAndItsSubscription() {
    ConnectorSettings settings =
        ConnectorSettings.from(
            ServiceConfig.of(
                Map.of(
                    "COINBASE_WS_URL", "wss://ws-feed.exchange.coinbase.com",
                    "COINBASE_PRODUCT_IDS", "SOL-USD",
                    "COINBASE_RECONNECT_MIN_MS", "100")));

    assertThat(settings.simulated()).isFalse();
    assertThat(settings.reconnectMin()).isEqualTo(Duration.ofMillis(100));
    assertThat(CoinbaseConnector.subscribeMessage(settings))
        .isEqualTo(
            "{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],\"channels\":[\"matches\",\"heartbeat\"]}");
  }

  @Test
  void theSimulatedMarketTakesFaultsFromItsUrl() {
    ConnectorSettings settings =
        ConnectorSettings.from(
            ServiceConfig.of(
                Map.of(
                    "COINBASE_WS_URL", "sim://coinbase?rate=50&gap_every=40&duplicate_every=7")));

    assertThat(settings.simulatedRate()).isEqualTo(50);
    assertThat(settings.simulatedFaults()).isEqualTo(new SimulatedMarket.Faults(40, 7));
  }

  @Test
  void rejectsWhatItCannotConnectTo() {
    for (String bad :
        List.of(
            "http://x",
            "sim://coinbase?rate=0",
            "sim://coinbase?rate=abc",
            "sim://coinbase?rate=5&gap_every=x",
            "::")) {
      assertThatThrownBy(
              () -> ConnectorSettings.from(ServiceConfig.of(Map.of("COINBASE_WS_URL", bad))))
          .as(bad)
          .hasMessageStartingWith(
              "COINBASE_WS_URL=\"" + bad + "\" is not allowed: expected a ws://");
    }
    assertThatThrownBy(
            () -> ConnectorSettings.from(ServiceConfig.of(Map.of("COINBASE_PRODUCT_IDS", "btc"))))
        .hasMessageStartingWith("COINBASE_PRODUCT_IDS=\"btc\" is not allowed");
  }

  @Test
  void backoffDoublesUpToItsMaximumAndResets() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(350));

    assertThat(List.of(backoff.next(), backoff.next(), backoff.next(), backoff.next()))
        .extracting(Duration::toMillis)
        .containsExactly(100L, 200L, 350L, 350L);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
  }
}
