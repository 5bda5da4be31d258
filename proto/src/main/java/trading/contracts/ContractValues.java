package trading.contracts;

import java.util.Locale;

/**
 * The values the contract's strings and modes may hold, read the one way every service reads them:
 * side and order type case-insensitively (anything else is refused with the field and what is
 * allowed), and the mode by the rule that no default and no existing client can ask for real money.
 */
public final class ContractValues {
  private ContractValues() {}

  /** BUY or SELL from a side string in any case; throws naming the field and the value. */
  public static Side side(String text) {
    String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    return switch (value) {
      case "BUY" -> Side.BUY;
      case "SELL" -> Side.SELL;
      default ->
          throw new IllegalArgumentException(
              "side must be BUY or SELL (any case), got '" + text + "'");
    };
  }

  /** LIMIT or MARKET from an order_type string in any case, empty meaning MARKET. */
  public static OrderType orderType(String text) {
    String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    return switch (value) {
      case "", "MARKET" -> OrderType.MARKET;
      case "LIMIT" -> OrderType.LIMIT;
      default ->
          throw new IllegalArgumentException(
              "order_type must be LIMIT or MARKET (any case, empty for MARKET), got '"
                  + text
                  + "'");
    };
  }

  /** The string a side is sent as: "BUY" or "SELL". */
  public static String name(Side side) {
    if (side != Side.BUY && side != Side.SELL) {
      throw new IllegalArgumentException("no side to send: " + side);
    }
    return side.name();
  }

  /** The string an order type is sent as: "LIMIT" or "MARKET". */
  public static String name(OrderType type) {
    if (type != OrderType.LIMIT && type != OrderType.MARKET) {
      throw new IllegalArgumentException("no order type to send: " + type);
    }
    return type.name();
  }

  /**
   * The mode a message asks for. REAL only for mode REAL with {@code real_money = true}: REAL is 0,
   * which proto3 never sends, so an absent mode, an existing client's REAL and our REAL without the
   * flag all read as PAPER. Throws for real money with mode PAPER and for an unknown mode number.
   */
  public static TradingMode requestedMode(TradingMode mode, int modeNumber, boolean realMoney) {
    if (mode == TradingMode.UNRECOGNIZED) {
      throw new IllegalArgumentException(
          "mode " + modeNumber + " is neither REAL (0) nor PAPER (1)");
    }
    if (realMoney && mode == TradingMode.PAPER) {
      throw new IllegalArgumentException("real_money = true contradicts mode PAPER");
    }
    return realMoney ? TradingMode.REAL : TradingMode.PAPER;
  }

  /** {@link #requestedMode(TradingMode, int, boolean)} of a signal. */
  public static TradingMode requestedMode(TradingSignal signal) {
    return requestedMode(signal.getMode(), signal.getModeValue(), signal.getRealMoney());
  }

  /** {@link #requestedMode(TradingMode, int, boolean)} of an order request. */
  public static TradingMode requestedMode(OrderRequest request) {
    return requestedMode(request.getMode(), request.getModeValue(), request.getRealMoney());
  }
}
