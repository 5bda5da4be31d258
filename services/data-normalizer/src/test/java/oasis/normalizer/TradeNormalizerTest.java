package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import oasis.marketdata.MarketDataEvent;
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
    assertThat(event.getTradeUpdate().getTradeId()).isEqualTo("865127782");
    assertThat(event.getTradeUpdate().getPrice()).isEqualTo("60000.1");
    assertThat(event.getTradeUpdate().getQuantity()).isEqualTo("0.001");
    assertThat(event.getTradeUpdate().getSide()).isEqualTo("sell");
  }

  @Test
  void anExistingConsumerReadsEveryFieldWithTheBaselineDescriptors() throws Exception {
    Outcome outcome = normalize(match("btc-usd", "60000.10000", "0.00100000"));
    byte[] wire = ((Outcome.Normalized) outcome).event().toByteArray();

    // Decoded as a consumer built from proto/baseline decodes it: no generated class of ours.
    var contract = oasis.contracts.BaselineContract.load();
    com.google.protobuf.DynamicMessage event =
        contract.parse("oasis.marketdata.MarketDataEvent", wire);
    var header = (com.google.protobuf.DynamicMessage) field(event, "header");
    var trade = (com.google.protobuf.DynamicMessage) field(event, "trade_update");
    var exchangeTime = (com.google.protobuf.DynamicMessage) field(header, "exchange_timestamp");
    var receivedTime = (com.google.protobuf.DynamicMessage) field(header, "received_timestamp");

    assertThat(
            event
                .getOneofFieldDescriptor(event.getDescriptorForType().getOneofs().get(0))
                .getNumber())
        .as("the payload is trade_update = 3")
        .isEqualTo(3);
    assertThat(field(header, "exchange")).isEqualTo("coinbase");
    assertThat(field(header, "symbol")).isEqualTo("BTC-USD");
    assertThat(field(exchangeTime, "seconds"))
        .isEqualTo(Instant.parse("2026-11-29T17:00:00Z").getEpochSecond());
    assertThat(field(exchangeTime, "nanos")).isEqualTo(123_456_000);
    assertThat(field(receivedTime, "nanos")).isEqualTo(500_000_000);
    assertThat(field(trade, "trade_id")).isEqualTo("865127782");
    assertThat(field(trade, "price")).isEqualTo("60000.1");
    assertThat(field(trade, "quantity")).isEqualTo("0.001");
    assertThat(field(trade, "side")).isEqualTo("sell");
    assertThat(event.getUnknownFields().asMap())
        .as("only our additions are unknown to it: the header's sequence sits in the header")
        .isEmpty();
  }

  private static Object field(com.google.protobuf.DynamicMessage m, String name) {
    var descriptor = m.getDescriptorForType().findFieldByName(name);
    assertThat(descriptor).as("the existing contract has %s", name).isNotNull();
    assertThat(m.hasField(descriptor)).as("%s is set", name).isTrue();
    return m.getField(descriptor);
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

    assertThat(event.getTradeUpdate().getPrice()).isEqualTo(expected);
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
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTCUSD\",\"time\":\"2026-11-29T17:00:00Z\"}|invalid_field",
        "{\"type\":\"match\",\"trade_id\":-73,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTC-USD\",\"time\":\"2026-11-29T17:00:00Z\"}|invalid_field",
        "{\"type\":\"match\",\"trade_id\":1234567890123456789012345678901,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTC-USD\",\"time\":\"2026-11-29T17:00:00Z\"}|invalid_field"
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
