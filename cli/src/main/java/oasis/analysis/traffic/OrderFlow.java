package oasis.analysis.traffic;

import static oasis.analysis.traffic.AnalysisTraffic.CLOSE_ATTEMPTS;
import static oasis.analysis.traffic.AnalysisTraffic.DEADLINE_MS;

import java.util.concurrent.TimeUnit;
import oasis.analysis.traffic.AnalysisTraffic.Endpoint;
import trading.contracts.OrderExecutorGrpc;
import trading.contracts.OrderSubmissionResponse;

/** An order manager's track: BUY, SELL, then status reads. */
final class OrderFlow extends Flow {
  private final String symbol;
  private final String quantity;
  private final String orderId;
  private final OrderExecutorGrpc.OrderExecutorFutureStub stub;
  private final OrderExecutorGrpc.OrderExecutorBlockingStub blocking;
  private volatile String leg = "BUY";
  private volatile boolean orderInFlight;

  OrderFlow(Endpoint e, String symbol, String quantity, String orderId, double rate) {
    super(e, rate);
    this.symbol = symbol;
    this.quantity = quantity;
    this.orderId = orderId;
    this.stub = OrderExecutorGrpc.newFutureStub(channel);
    this.blocking = OrderExecutorGrpc.newBlockingStub(channel);
  }

  @Override
  void next() {
    if (leg == null) {
      send(
          stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
              .getOrderStatus(PaperOrders.status(orderId + "-buy")),
          r -> {},
          () -> {});
    } else if (!orderInFlight) {
      orderInFlight = true;
      String side = leg;
      send(
          stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS).executeOrder(order(side)),
          r -> advance(side, (OrderSubmissionResponse) r),
          () -> orderInFlight = false);
    }
  }

  private trading.contracts.OrderRequest order(String side) {
    return PaperOrders.paper(
        orderId + "-" + side.toLowerCase(java.util.Locale.ROOT), symbol, side, quantity);
  }

  /** A filled BUY is followed by its SELL; a filled SELL leaves the reads. */
  private void advance(String side, OrderSubmissionResponse r) {
    boolean filled = "FILLED".equals(r.getStatus());
    if ("BUY".equals(side)) {
      leg = filled ? "SELL" : "BUY-REJECTED";
    } else if (filled) {
      leg = null;
    }
    if ("BUY-REJECTED".equals(leg)) {
      // no position was opened (e.g. no market price yet): reads of the rejected order still
      // exercise the service without any position
      leg = null;
    }
  }

  /** Sends the SELL of a filled BUY until it fills; what is left open, or null. */
  @Override
  String flatten() {
    for (int i = 0; i < CLOSE_ATTEMPTS && "SELL".equals(leg); i++) {
      try {
        OrderSubmissionResponse r =
            blocking
                .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                .executeOrder(order("SELL"));
        if ("FILLED".equals(r.getStatus())) {
          leg = null;
        }
      } catch (RuntimeException e) {
        // retried with the same client order id: the order manager answers a repeat once
      }
    }
    return "SELL".equals(leg)
        ? "the SELL of "
            + orderId
            + "-buy on the "
            + endpoint.track()
            + " track did not fill: "
            + quantity
            + " "
            + symbol
            + " paper position left open"
        : null;
  }
}
