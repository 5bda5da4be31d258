package oasis.connector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import oasis.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;

/** The connector's main as a process: a bad value stops it at start with one line and code 2. */
class CoinbaseConnectorMainIT {

  @Test
  void feedUrlItCannotUseStopsItAtStart() {
    assertThatThrownBy(
            () ->
                ServiceProcess.builder(CoinbaseConnectorMain.class.getName(), "CONNECTOR")
                    .env("COINBASE_WS_URL", "http://ws-feed.example")
                    .readyTimeout(Duration.ofSeconds(30))
                    .start())
        .hasMessageContaining("exited with code 2")
        .hasMessageContaining(
            "coinbase-connector: configuration error: COINBASE_WS_URL=\"http://ws-feed.example\""
                + " is not allowed: expected a ws:// or wss:// URL");
  }
}
