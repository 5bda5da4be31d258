package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static trading.contracts.OrderStatus.ACCEPTED;
import static trading.contracts.OrderStatus.CANCELED;
import static trading.contracts.OrderStatus.FILLED;
import static trading.contracts.OrderStatus.NEW;
import static trading.contracts.OrderStatus.PARTIALLY_FILLED;
import static trading.contracts.OrderStatus.REJECTED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderStatus;

class OrderTransitionsTest {
  private static final Set<OrderStatus> STATUSES =
      EnumSet.of(NEW, ACCEPTED, REJECTED, PARTIALLY_FILLED, FILLED, CANCELED);

  /** The expected table, written out independently of the implementation. */
  private static final Map<OrderStatus, Set<OrderStatus>> EXPECTED =
      Map.of(
          NEW, EnumSet.of(ACCEPTED, REJECTED, CANCELED),
          ACCEPTED, EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELED),
          PARTIALLY_FILLED, EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELED),
          REJECTED, EnumSet.noneOf(OrderStatus.class),
          FILLED, EnumSet.noneOf(OrderStatus.class),
          CANCELED, EnumSet.noneOf(OrderStatus.class));

  @Test
  void everyPairOfStatusesIsAllowedExactlyWhenTheTableSaysSo() {
    int allowed = 0;
    for (OrderStatus from : STATUSES) {
      for (OrderStatus to : STATUSES) {
        boolean expected = EXPECTED.get(from).contains(to);
        assertThat(OrderTransitions.isAllowed(from, to))
            .as("%s -> %s", from, to)
            .isEqualTo(expected);
        if (expected) {
          allowed++;
          OrderTransitions.check("o1", from, to);
        } else {
          assertThatThrownBy(() -> OrderTransitions.check("o1", from, to))
              .isInstanceOf(IllegalTransitionException.class)
              .hasMessageContaining(from + " to " + to);
        }
      }
    }
    assertThat(allowed).isEqualTo(9);
  }

  @Test
  void unspecifiedStatusesLeadNowhereAndAreNotTerminal() {
    for (OrderStatus to : STATUSES) {
      assertThat(OrderTransitions.isAllowed(OrderStatus.ORDER_STATUS_UNSPECIFIED, to)).isFalse();
      assertThat(OrderTransitions.isAllowed(NEW, OrderStatus.ORDER_STATUS_UNSPECIFIED)).isFalse();
    }
    assertThat(OrderTransitions.isTerminal(OrderStatus.ORDER_STATUS_UNSPECIFIED)).isFalse();
  }

  @Test
  void onlyRejectedFilledAndCanceledAreTerminal() {
    for (OrderStatus status : STATUSES) {
      assertThat(OrderTransitions.isTerminal(status))
          .as("%s", status)
          .isEqualTo(EXPECTED.get(status).isEmpty());
    }
    assertThat(OrderTransitions.next(ACCEPTED))
        .containsExactlyInAnyOrder(PARTIALLY_FILLED, FILLED, CANCELED);
  }
}
