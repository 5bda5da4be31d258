package oasis.connector;

import oasis.service.ServiceMain;

/** Runs the Coinbase connector: the feed's trades, raw, onto {@code RAW_MARKET_TOPIC}. */
public final class CoinbaseConnectorMain {
  private CoinbaseConnectorMain() {}

  /** Entry point; see services/README.md for the variables. */
  public static void main(String[] args) {
    ServiceMain.run(
        CoinbaseConnector.COMPONENT, CoinbaseConnector.PREFIX, CoinbaseConnector::configure);
  }
}
