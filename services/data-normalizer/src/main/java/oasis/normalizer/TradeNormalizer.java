package oasis.normalizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import oasis.marketdata.Header;
import oasis.marketdata.MarketDataEvent;
import oasis.marketdata.TradeUpdate;

/**
 * Coinbase {@code match} JSON to {@code MarketDataEvent}: upper-case symbol, exact decimals
 * (trailing zeros stripped, plain notation), exchange and received timestamps, sequence. Anything
 * else is rejected with a reason.
 */
final class TradeNormalizer {
  static final String EXCHANGE = "coinbase";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PRODUCT = Pattern.compile("[A-Za-z0-9]{2,10}-[A-Za-z0-9]{2,10}");
  private static final int MAX_DECIMAL_LENGTH = 40;

  /** Normalizes one raw message received at {@code receivedAt}. */
  Outcome normalize(byte[] raw, Instant receivedAt) {
    if (raw == null || raw.length == 0) {
      return new Outcome.Rejected("empty", "empty message");
    }
    JsonNode message;
    try {
      message = JSON.readTree(raw);
    } catch (IOException e) {
      return new Outcome.Rejected("malformed_json", "malformed JSON: " + firstLine(e.getMessage()));
    }
    if (message == null || !message.isObject()) {
      return new Outcome.Rejected("malformed_json", "not a JSON object");
    }
    try {
      return trade(message, receivedAt);
    } catch (Invalid e) {
      return new Outcome.Rejected(e.code, e.getMessage());
    }
  }

  private Outcome trade(JsonNode message, Instant receivedAt) {
    String type = text(message, "type");
    if (!type.equals("match") && !type.equals("last_match")) {
      throw new Invalid("unsupported_type", "unsupported message type: " + type);
    }
    String product = text(message, "product_id");
    if (!PRODUCT.matcher(product).matches()) {
      throw new Invalid("invalid_field", "product_id is not a product like BTC-USD: " + product);
    }
    Header header =
        Header.newBuilder()
            .setExchange(EXCHANGE)
            .setSymbol(product.toUpperCase(Locale.ROOT))
            .setExchangeTimestamp(timestamp(time(message)))
            .setReceivedTimestamp(timestamp(receivedAt))
            .setSequence(sequence(message))
            .build();
    TradeUpdate trade =
        TradeUpdate.newBuilder()
            .setTradeId(tradeId(message))
            .setPrice(positiveDecimal(message, "price"))
            .setQuantity(positiveDecimal(message, "size"))
            .setSide(side(message))
            .build();
    return new Outcome.Normalized(
        MarketDataEvent.newBuilder().setHeader(header).setTradeUpdate(trade).build());
  }

  private static String text(JsonNode message, String field) {
    JsonNode node = message.get(field);
    if (node == null || node.isNull()) {
      throw new Invalid("missing_field", "missing " + field);
    }
    if (!node.isTextual()) {
      throw new Invalid("invalid_field", field + " is not a string");
    }
    return node.asText();
  }

  /** Decimal strings only: a JSON number may already have lost precision in transit. */
  static String positiveDecimal(JsonNode message, String field) {
    String text = text(message, field);
    if (text.length() > MAX_DECIMAL_LENGTH) {
      throw new Invalid("invalid_field", field + " is longer than " + MAX_DECIMAL_LENGTH);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new Invalid("invalid_field", field + " is not a decimal: " + text);
    }
    if (value.signum() <= 0) {
      throw new Invalid("invalid_field", field + " is not positive: " + text);
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.precision() - stripped.scale() > 20 || stripped.scale() > 20) {
      throw new Invalid("invalid_field", field + " is out of range: " + text);
    }
    return stripped.toPlainString();
  }

  private static Instant time(JsonNode message) {
    String time = text(message, "time");
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new Invalid("invalid_field", "time is not an ISO-8601 UTC instant: " + time);
    }
  }

  private static String tradeId(JsonNode message) {
    JsonNode node = message.get("trade_id");
    if (node == null || node.isNull()) {
      throw new Invalid("missing_field", "missing trade_id");
    }
    // the exchange's trade ids count up from 1: a negative one (found by TradeNormalizerFuzzTest)
    // is not a trade id, and downstream gap detection would read it as far behind
    if ((node.isIntegralNumber() || node.isTextual()) && node.asText().matches("[0-9]{1,30}")) {
      return node.asText();
    }
    throw new Invalid("invalid_field", "trade_id is not a non-negative integer");
  }

  private static long sequence(JsonNode message) {
    JsonNode node = message.get("sequence");
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
      throw new Invalid("invalid_field", "sequence is not a non-negative integer");
    }
    return node.asLong();
  }

  /** The maker's side as the exchange names it: the existing contract's string. */
  private static String side(JsonNode message) {
    return switch (text(message, "side")) {
      case "buy" -> "buy";
      case "sell" -> "sell";
      default -> throw new Invalid("invalid_field", "side is neither buy nor sell");
    };
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.lines().findFirst().orElse("");
    return line.length() <= 200 ? line : line.substring(0, 200);
  }

  /** A field that makes the message unusable; carries the metric code and the reason. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    Invalid(String code, String reason) {
      super(reason, null, false, false);
      this.code = code;
    }
  }
}
