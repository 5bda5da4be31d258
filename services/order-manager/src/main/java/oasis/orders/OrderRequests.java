package oasis.orders;

import java.math.BigDecimal;
import java.time.Instant;
import oasis.service.decimal.Decimals;
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
   * An absent mode means PAPER: a real order must be asked for.
   */
  public static Order toNewOrder(OrderRequest request, String orderId, Instant now) {
    String clientOrderId = request.getClientOrderId().trim();
    if (clientOrderId.isEmpty() || clientOrderId.length() > MAX_ID_LENGTH) {
      throw new InvalidOrderException("client_order_id is required (1 to 128 characters)");
    }
    String symbol = request.getSymbol().trim().toUpperCase(java.util.Locale.ROOT);
    if (!symbol.matches("[A-Z0-9]+-[A-Z0-9]+")) {
      throw new InvalidOrderException(
          "symbol must look like BTC-USD, got '" + request.getSymbol() + "'");
    }
    if (request.getSide() != Side.BUY && request.getSide() != Side.SELL) {
      throw new InvalidOrderException("side must be BUY or SELL");
    }
    OrderType type =
        request.getOrderType() == OrderType.ORDER_TYPE_UNSPECIFIED
            ? OrderType.MARKET
            : request.getOrderType();
    if (type != OrderType.MARKET && type != OrderType.LIMIT) {
      throw new InvalidOrderException("order_type must be LIMIT or MARKET");
    }
    BigDecimal quantity = decimal("quantity", request.getQuantity(), true);
    BigDecimal price =
        request.getPrice().isBlank() && type == OrderType.MARKET
            ? null
            : decimal("price", request.getPrice(), true);
    TradingMode mode = request.getMode() == TradingMode.REAL ? TradingMode.REAL : TradingMode.PAPER;
    return Order.newOrder(
        orderId,
        clientOrderId,
        symbol,
        request.getSide(),
        type,
        quantity,
        price,
        request.getStrategyId(),
        mode,
        now);
  }

  private static BigDecimal decimal(String field, String text, boolean positive) {
    try {
      return positive ? Decimals.parsePositive(field, text) : Decimals.parse(field, text);
    } catch (IllegalArgumentException e) {
      throw new InvalidOrderException(e.getMessage());
    }
  }
}
