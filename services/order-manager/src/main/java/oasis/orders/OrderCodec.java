package oasis.orders;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import oasis.service.decimal.Decimals;
import trading.contracts.ContractValues;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderFill;
import trading.contracts.OrderRequest;
import trading.contracts.OrderState;
import trading.contracts.OrderSubmissionResponse;
import trading.contracts.TradingMode;

/** Converts orders to and from their protobuf contracts (also the stored form in Redis). */
public final class OrderCodec {
  private OrderCodec() {}

  /** The order as the request that created it. */
  public static OrderRequest toRequest(Order order) {
    return OrderRequest.newBuilder()
        .setClientOrderId(order.clientOrderId())
        .setSymbol(order.symbol())
        .setSide(ContractValues.name(order.side()))
        .setOrderType(ContractValues.name(order.orderType()))
        .setQuantity(Decimals.format(order.quantity()))
        .setPrice(Decimals.format(order.price()))
        .setStrategyId(order.strategyId())
        .setMode(order.mode())
        .setRealMoney(order.mode() == TradingMode.REAL)
        .build();
  }

  /** The order's full state, as GetOrderStatus reports it and Redis stores it. */
  public static OrderState toState(Order order) {
    return OrderState.newBuilder()
        .setOrderId(order.orderId())
        .setRequest(toRequest(order))
        .setStatus(order.status())
        .setFilledQuantity(Decimals.format(order.filledQuantity()))
        .setAveragePrice(Decimals.format(order.averagePrice()))
        .setDetails(order.details())
        .setCreatedAt(timestamp(order.createdAt()))
        .setUpdatedAt(timestamp(order.updatedAt()))
        .addAllFills(fills(order))
        .setVersion(order.version())
        .build();
  }

  /** The acknowledgement ExecuteOrder returns. */
  public static OrderSubmissionResponse toSubmission(Order order) {
    return OrderSubmissionResponse.newBuilder()
        .setOrderId(order.orderId())
        .setClientOrderId(order.clientOrderId())
        .setStatus(order.status().name())
        .setDetails(order.details())
        .setFilledQuantity(Decimals.format(order.filledQuantity()))
        .setAveragePrice(Decimals.format(order.averagePrice()))
        .setMode(order.mode())
        .setRealMoney(order.mode() == TradingMode.REAL)
        .addAllFills(fills(order))
        .build();
  }

  /** The order's fills as their contract. */
  static List<OrderFill> fills(Order order) {
    List<OrderFill> fills = new ArrayList<>(order.fills().size());
    for (Fill f : order.fills()) {
      fills.add(
          OrderFill.newBuilder()
              .setFillId(f.fillId())
              .setQuantity(Decimals.format(f.quantity()))
              .setPrice(Decimals.format(f.price()))
              .build());
    }
    return fills;
  }

  /**
   * The execution report for the change that made {@code order} (its version), carrying {@code
   * fill} when that change was a fill. Its id is stable: order id, version, and the fill's id.
   */
  public static ExecutionReport toReport(Order order, Fill fill) {
    String reportId =
        order.orderId() + ":" + order.version() + (fill == null ? "" : ":" + fill.fillId());
    return toReport(
            order, fill == null ? null : fill.quantity(), fill == null ? null : fill.price())
        .toBuilder()
        .setReportId(reportId)
        .setFillId(fill == null ? "" : fill.fillId())
        .build();
  }

  /** The execution report for the order's latest change; last fill fields empty when none. */
  public static ExecutionReport toReport(
      Order order, BigDecimal lastQuantity, BigDecimal lastPrice) {
    return ExecutionReport.newBuilder()
        .setOrderId(order.orderId())
        .setClientOrderId(order.clientOrderId())
        .setSymbol(order.symbol())
        .setSide(ContractValues.name(order.side()))
        .setStatus(order.status())
        .setLastQuantity(Decimals.format(lastQuantity))
        .setLastPrice(Decimals.format(lastPrice))
        .setCumulativeQuantity(Decimals.format(order.filledQuantity()))
        .setAveragePrice(Decimals.format(order.averagePrice()))
        .setMode(order.mode())
        .setRealMoney(order.mode() == TradingMode.REAL)
        .setStrategyId(order.strategyId())
        .setTransactTime(timestamp(order.updatedAt()))
        .setText(order.details())
        .build();
  }

  /** Reads an order back from its stored state. */
  public static Order fromState(OrderState state) {
    OrderRequest request = state.getRequest();
    return new Order(
        state.getOrderId(),
        request.getClientOrderId(),
        request.getSymbol(),
        ContractValues.side(request.getSide()),
        ContractValues.orderType(request.getOrderType()),
        new BigDecimal(request.getQuantity()),
        optionalDecimal(request.getPrice()),
        request.getStrategyId(),
        // Stored by us, so always explicit: real money only where the flag was written.
        request.getRealMoney() ? TradingMode.REAL : TradingMode.PAPER,
        state.getStatus(),
        new BigDecimal(state.getFilledQuantity()),
        optionalDecimal(state.getAveragePrice()),
        state.getDetails(),
        instant(state.getCreatedAt()),
        instant(state.getUpdatedAt()),
        fills(state.getFillsList()),
        state.getVersion());
  }

  /** Reads an order back from stored bytes. */
  public static Order fromBytes(byte[] bytes) {
    try {
      return fromState(OrderState.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored order is not a valid OrderState", e);
    }
  }

  private static List<Fill> fills(List<OrderFill> stored) {
    List<Fill> fills = new ArrayList<>(stored.size());
    for (OrderFill f : stored) {
      fills.add(
          new Fill(f.getFillId(), new BigDecimal(f.getQuantity()), new BigDecimal(f.getPrice())));
    }
    return fills;
  }

  private static BigDecimal optionalDecimal(String text) {
    return text == null || text.isEmpty() ? null : new BigDecimal(text);
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
