package oasis.risk;

import java.math.BigDecimal;

/** Positions per symbol and the orders still working, in memory or in Redis. */
public interface PositionBook {

  /** The signed position in {@code symbol} (positive long, negative short). */
  BigDecimal position(String symbol);

  /** Orders acknowledged by the order manager and not yet final. */
  int openOrders();

  /** Adds {@code signedQuantity} to the position once per {@code fillId}; a repeat is ignored. */
  void applyFill(String fillId, String symbol, BigDecimal signedQuantity);

  /** Records a working order, unless it was closed already (its final report came first). */
  void orderOpened(String clientOrderId);

  /** Forgets a working order that became final, and remembers that it did. */
  void orderClosed(String clientOrderId);

  /** Exposure in quote currency at {@code price}: position × price, exact. */
  default BigDecimal exposure(String symbol, BigDecimal price) {
    return position(symbol).multiply(price);
  }
}
