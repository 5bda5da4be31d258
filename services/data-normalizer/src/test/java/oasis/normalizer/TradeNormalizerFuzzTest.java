package oasis.normalizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The normalizer reads whatever the connector (or anything else) wrote to the raw topic: every
 * input is normalized or rejected with a reason, never an exception that would stop the loop, and
 * what is normalized holds exact, positive, plain decimals and an upper-case product.
 */
class TradeNormalizerFuzzTest {

  private static final TradeNormalizer NORMALIZER = new TradeNormalizer();
  private static final Instant RECEIVED = Instant.parse("2026-12-06T00:00:00Z");

  @FuzzTest(maxDuration = "5m")
  void anyBytes(byte[] raw) {
    check(NORMALIZER.normalize(raw, RECEIVED));
  }

  /** A well-formed match whose fields are fuzzed one by one, to reach past the JSON parser. */
  @FuzzTest(maxDuration = "5m")
  void aMatchWithFuzzedFields(FuzzedDataProvider data) {
    String json =
        "{\"type\":"
            + field(data, "\"match\"")
            + ",\"trade_id\":"
            + field(data, "42")
            + ",\"sequence\":"
            + field(data, "7")
            + ",\"product_id\":"
            + field(data, "\"BTC-USD\"")
            + ",\"price\":"
            + field(data, "\"43000.10\"")
            + ",\"size\":"
            + field(data, "\"0.0100\"")
            + ",\"side\":"
            + field(data, "\"buy\"")
            + ",\"time\":"
            + field(data, "\"2026-12-06T00:00:00.123456Z\"")
            + "}";
    check(NORMALIZER.normalize(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), RECEIVED));
  }

  private static String field(FuzzedDataProvider data, String good) {
    return data.consumeBoolean() ? good : data.consumeString(40);
  }

  private static void check(Outcome outcome) {
    assertThat(outcome).isNotNull();
    if (outcome instanceof Outcome.Rejected r) {
      assertThat(r.code()).isNotBlank();
      assertThat(r.reason()).isNotBlank();
      return;
    }
    var event = ((Outcome.Normalized) outcome).event();
    var trade = event.getTradeUpdate();
    for (String decimal : new String[] {trade.getPrice(), trade.getQuantity()}) {
      BigDecimal value = new BigDecimal(decimal);
      assertThat(value.signum()).as(decimal).isPositive();
      assertThat(decimal).as("plain notation").doesNotContain("E", "e");
    }
    assertThat(event.getHeader().getSymbol()).matches("[A-Z0-9]{2,10}-[A-Z0-9]{2,10}");
    assertThat(trade.getTradeId()).matches("[0-9]+");
    assertThat(trade.getSide()).isIn("buy", "sell");
  }
}
