package oasis.analysis.traffic;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import trading.contracts.OrderRequest;
import trading.contracts.OrderStatusRequest;

/**
 * The orders analysis traffic sends: a paper MARKET order of strategy {@value #STRATEGY}, labelled
 * by its client order id prefix {@value #PREFIX}. Side, order type and mode are set by name through
 * the message's descriptor, so the request is right whether the contract has them as enums or as
 * strings (issue 13 moves side and order type to strings).
 */
final class PaperOrders {

  /** The strategy every analysis order names: dashboards tell analysis traffic apart by it. */
  static final String STRATEGY = "oasis-analysis";

  /** Every analysis order's client order id starts with this. */
  static final String PREFIX = "oasis-analysis-";

  private PaperOrders() {}

  /** A paper MARKET order of {@code quantity} {@code symbol} on {@code side} (BUY or SELL). */
  static OrderRequest paper(String clientOrderId, String symbol, String side, String quantity) {
    OrderRequest.Builder b =
        OrderRequest.newBuilder()
            .setClientOrderId(clientOrderId)
            .setSymbol(symbol)
            .setQuantity(quantity)
            .setStrategyId(STRATEGY);
    set(b, "side", side);
    set(b, "order_type", "MARKET");
    set(b, "mode", "PAPER");
    return b.build();
  }

  static OrderStatusRequest status(String clientOrderId) {
    return OrderStatusRequest.newBuilder().setClientOrderId(clientOrderId).build();
  }

  private static void set(OrderRequest.Builder b, String field, String name) {
    FieldDescriptor f = OrderRequest.getDescriptor().findFieldByName(field);
    if (f.getJavaType() == FieldDescriptor.JavaType.ENUM) {
      EnumValueDescriptor v = f.getEnumType().findValueByName(name);
      if (v == null) {
        throw new IllegalStateException("the contract's " + field + " has no value " + name);
      }
      b.setField(f, v);
    } else {
      b.setField(f, name);
    }
  }
}
