package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import oasis.marketdata.MarketDataEvent;
import oasis.marketdata.TradeSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TradeNormalizerTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-29T17:00:01.5Z");
  private final TradeNormalizer normalizer = new TradeNormalizer();

  static String match(String product, String price, String size) {
    return "{\"type\":\"match\",\"trade_id\":865127782,\"maker_order_id\":\"m\","
        + "\"taker_order_id\":\"t\",\"side\":\"sell\",\"size\":\""
        + size
        + "\",\"price\":\""
        + price
        + "\",\"product_id\":\""
        + product
        + "\",\"sequence\":50,\"time\":\"2026-11-29T17:00:00.123456Z\"}";
  }

  @Test
  void matchBecomesAnExactNormalizedEvent() {
    Outcome outcome = normalize(match("btc-usd", "60000.10000", "0.00100000"));

    assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
    MarketDataEvent event = ((Outcome.Normalized) outcome).event();
    assertThat(event.getHeader().getExchange()).isEqualTo("coinbase");
    assertThat(event.getHeader().getSymbol()).isEqualTo("BTC-USD");
    assertThat(event.getHeader().getSequence()).isEqualTo(50);
    assertThat(event.getHeader().getExchangeTimestamp().getSeconds())
        .isEqualTo(Instant.parse("2026-11-29T17:00:00Z").getEpochSecond());
    assertThat(event.getHeader().getExchangeTimestamp().getNanos()).isEqualTo(123_456_000);
    assertThat(event.getHeader().getReceivedTimestamp().getNanos()).isEqualTo(500_000_000);
    assertThat(event.getTrade().getTradeId()).isEqualTo("865127782");
    assertThat(event.getTrade().getPrice()).isEqualTo("60000.1");
    assertThat(event.getTrade().getQuantity()).isEqualTo("0.001");
    assertThat(event.getTrade().getSide()).isEqualTo(TradeSide.TRADE_SIDE_SELL);
  }

  @ParameterizedTest
  @CsvSource({
    "60000.00, 60000",
    "1E+3, 1000",
    "0.000000010, 0.00000001",
    "123456789.123456789, 123456789.123456789"
  })
  void decimalsAreExactWithoutTrailingZerosInPlainNotation(String price, String expected) {
    MarketDataEvent event = ((Outcome.Normalized) normalize(match("ETH-USD", price, "1"))).event();

    assertThat(event.getTrade().getPrice()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json|malformed_json",
        "[1,2]|malformed_json",
        "{\"type\":\"heartbeat\"}|unsupported_type",
        "{\"price\":\"1\"}|missing_field",
        "{\"type\":\"match\",\"product_id\":\"BTC-USD\"}|missing_field",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":1.5,\"product_id\":\"BTC-USD\",\"time\":\"2026-11-29T17:00:00Z\"}|invalid_field",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"-1\",\"product_id\":\"BTC-USD\",\"time\":\"2026-11-29T17:00:00Z\"}|invalid_field",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1e999999\",\"product_id\":\"BTC-USD\",\"time\":\"2026-11-29T17:00:00Z\"}|invalid_field",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"hold\",\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTC-USD\",\"time\":\"2026-11-29T17:00:00Z\"}|invalid_field",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTC-USD\",\"time\":\"yesterday\"}|invalid_field",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTCUSD\",\"time\":\"2026-11-29T17:00:00Z\"}|invalid_field"
      })
  void badMessagesAreRejectedWithAReason(String raw, String code) {
    Outcome outcome = normalize(raw);

    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) outcome).code()).isEqualTo(code);
    assertThat(((Outcome.Rejected) outcome).reason()).isNotBlank();
  }

  @Test
  void emptyMessageIsRejected() {
    assertThat(normalizer.normalize(new byte[0], RECEIVED))
        .isEqualTo(new Outcome.Rejected("empty", "empty message"));
    assertThat(normalizer.normalize(null, RECEIVED)).isInstanceOf(Outcome.Rejected.class);
  }

  private Outcome normalize(String raw) {
    return normalizer.normalize(raw.getBytes(StandardCharsets.UTF_8), RECEIVED);
  }
}
