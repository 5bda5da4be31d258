package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderStatus;

class PositionsFromReportsTest {
  private final InMemoryPositionBook book = new InMemoryPositionBook();

  private static ExecutionReport fill(String orderId, String side, String fillId, String qty) {
    return ExecutionReport.newBuilder()
        .setOrderId(orderId)
        .setClientOrderId("c-" + orderId)
        .setSymbol("BTC-USD")
        .setSide(side)
        .setStatus(OrderStatus.PARTIALLY_FILLED)
        .setFillId(fillId)
        .setLastQuantity(qty)
        .setLastPrice("50000")
        .setReportId(orderId + ":" + fillId)
        .build();
  }

  @Test
  void eachFillMovesThePositionOnceHoweverOftenItIsReported() {
    ExecutionReport first = fill("o1", "BUY", "101", "0.004");
    ExecutionReport second = fill("o1", "BUY", "102", "0.006");

    // at least once: the same report again, and a replay of the whole topic
    for (ExecutionReport r : new ExecutionReport[] {first, first, second, first, second}) {
      ExecutionReportListener.apply(r, book);
    }
    ExecutionReportListener.apply(fill("o2", "SELL", "101", "0.003"), book);

    assertThat(book.position("BTC-USD"))
        .as("0.004 + 0.006 bought, 0.003 sold; a fill id is unique only within its order")
        .isEqualByComparingTo("0.007");
  }

  @Test
  void aReportWithoutAFillMovesNothingAndAFinalOneClosesTheOrderForGood() {
    book.orderOpened("c-o1");
    ExecutionReportListener.apply(
        ExecutionReport.newBuilder()
            .setOrderId("o1")
            .setClientOrderId("c-o1")
            .setSymbol("BTC-USD")
            .setSide("BUY")
            .setStatus(OrderStatus.CANCELED)
            .build(),
        book);
    // the order manager's answer ("ACCEPTED") arriving after the final report
    book.orderOpened("c-o1");

    assertThat(book.position("BTC-USD")).isEqualByComparingTo("0");
    assertThat(book.openOrders()).isZero();
  }
}
