package oasis.orders;

import java.math.BigDecimal;
import java.time.Instant;
import oasis.service.decimal.Decimals;
import trading.contracts.ContractValues;
import trading.contracts.OrderRequest;
import trading.contracts.OrderType;
import trading.contracts.Side;
import trading.contracts.TradingMode;

/** Validates an incoming {@link OrderRequest} and turns it into a NEW {@link Order}. */
public final class OrderRequests {
  private static final int MAX_ID_LENGTH = 128;

  private OrderRequests() {}

  /**
   * A NEW order for the request; throws {@link InvalidOrderException} naming the first bad field.
   * Its mode is the effective one: REAL only when the request asks for real money ({@link
   * ContractValues#requestedMode}) and {@code ceiling} (ORDER_MANAGER_MODE) is REAL; else PAPER.
   */
  public static Order toNewOrder(
      OrderRequest request, OrderManagerConfig.Mode ceiling, String orderId, Instant now) {
    String clientOrderId = request.getClientOrderId().trim();
    if (clientOrderId.isEmpty() || clientOrderId.length() > MAX_ID_LENGTH) {
      throw new InvalidOrderException("client_order_id is required (1 to 128 characters)");
    }
    String symbol = request.getSymbol().trim().toUpperCase(java.util.Locale.ROOT);
    if (!symbol.matches("[A-Z0-9]+-[A-Z0-9]+")) {
      throw new InvalidOrderException(
          "symbol must look like BTC-USD, got '" + request.getSymbol() + "'");
    }
    Side side;
    OrderType type;
    TradingMode requested;
    try {
      side = ContractValues.side(request.getSide());
      type = ContractValues.orderType(request.getOrderType());
      requested = ContractValues.requestedMode(request);
    } catch (IllegalArgumentException e) {
      throw new InvalidOrderException(e.getMessage());
    }
    BigDecimal quantity = decimal("quantity", request.getQuantity(), true);
    BigDecimal price =
        request.getPrice().isBlank() && type == OrderType.MARKET
            ? null
            : decimal("price", request.getPrice(), true);
    TradingMode mode = effectiveMode(requested, ceiling);
    return Order.newOrder(
        orderId,
        clientOrderId,
        symbol,
        side,
        type,
        quantity,
        price,
        request.getStrategyId(),
        mode,
        now);
  }

  /**
   * What differs between a stored order and a new request for the same client_order_id, or null
   * when the request is a retry of it. A MARKET order's price is a reference only (the risk engine
   * sends the last price, which moves between retries), so it is not compared.
   */
  public static String conflict(Order stored, Order request) {
    java.util.List<String> differs = new java.util.ArrayList<>();
    differ(differs, "symbol", stored.symbol(), request.symbol());
    differ(differs, "side", stored.side(), request.side());
    differ(differs, "order_type", stored.orderType(), request.orderType());
    differ(differs, "quantity", stored.quantity(), request.quantity());
    if (stored.orderType() == OrderType.LIMIT) {
      differ(differs, "price", stored.price(), request.price());
    }
    differ(differs, "strategy_id", stored.strategyId(), request.strategyId());
    differ(differs, "mode", stored.mode(), request.mode());
    return differs.isEmpty()
        ? null
        : "client_order_id "
            + stored.clientOrderId()
            + " is already order "
            + stored.orderId()
            + " with "
            + String.join(", ", differs)
            + ": use a new client_order_id for a new order";
  }

  private static void differ(java.util.List<String> out, String field, Object was, Object now) {
    boolean same =
        was instanceof BigDecimal a && now instanceof BigDecimal b
            ? a.compareTo(b) == 0
            : java.util.Objects.equals(was, now);
    if (!same) {
      out.add(
          field
              + " "
              + (was instanceof BigDecimal a ? a.toPlainString() : was)
              + " (not "
              + (now instanceof BigDecimal b ? b.toPlainString() : now)
              + ")");
    }
  }

  /** REAL only when both the request and the order manager's ceiling say REAL. */
  public static TradingMode effectiveMode(TradingMode requested, OrderManagerConfig.Mode ceiling) {
    return requested == TradingMode.REAL && ceiling == OrderManagerConfig.Mode.REAL
        ? TradingMode.REAL
        : TradingMode.PAPER;
  }

  private static BigDecimal decimal(String field, String text, boolean positive) {
    try {
      return positive ? Decimals.parsePositive(field, text) : Decimals.parse(field, text);
    } catch (IllegalArgumentException e) {
      throw new InvalidOrderException(e.getMessage());
    }
  }
}
