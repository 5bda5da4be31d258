package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import oasis.marketdata.Header;
import oasis.marketdata.MarketDataEvent;
import oasis.marketdata.TradeUpdate;
import org.junit.jupiter.api.Test;

class TradeTest {
  static MarketDataEvent event(String symbol, String price, String quantity) {
    return MarketDataEvent.newBuilder()
        .setHeader(
            Header.newBuilder()
                .setExchange("coinbase")
                .setSymbol(symbol)
                .setExchangeTimestamp(
                    Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(123_000)))
        .setTradeUpdate(
            TradeUpdate.newBuilder().setTradeId("1").setPrice(price).setQuantity(quantity))
        .build();
  }

  @Test
  void decimalStringsBecomeExactDecimalsAndTheExchangeTimeIsKept() {
    Trade trade = Trade.from(event("BTC-USD", "64250.12345678", "0.00100000")).orElseThrow();

    assertThat(trade.price().toPlainString()).isEqualTo("64250.12345678");
    assertThat(trade.quantity()).isEqualByComparingTo("0.001");
    assertThat(trade.time()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_000));
  }

  @Test
  void malformedOrEmptyEventsAreNotTrades() {
    assertThat(Trade.from(event("BTC-USD", "1e5", "1"))).isEmpty();
    assertThat(Trade.from(event("BTC-USD", "-1", "1"))).isEmpty();
    assertThat(Trade.from(event("BTC-USD", "0", "1"))).isEmpty();
    assertThat(Trade.from(event("", "1", "1"))).isEmpty();
    assertThat(Trade.from(MarketDataEvent.getDefaultInstance())).isEmpty();
  }
}
