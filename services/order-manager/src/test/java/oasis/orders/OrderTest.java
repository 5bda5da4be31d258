package oasis.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import oasis.service.decimal.Decimals;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderStatus;
import trading.contracts.OrderType;
import trading.contracts.Side;
import trading.contracts.TradingMode;

class OrderTest {
  private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

  static Order order(String quantity) {
    return Order.newOrder(
        "o1",
        "c1",
        "BTC-USD",
        Side.BUY,
        OrderType.MARKET,
        new BigDecimal(quantity),
        null,
        "s",
        TradingMode.PAPER,
        T0);
  }

  @Test
  void partialFillsAccumulateExactlyAndTheLastOneFillsTheOrder() {
    Order accepted = order("0.3").transitionTo(OrderStatus.ACCEPTED, "ok", T0);

    Order first = accepted.fill(new BigDecimal("0.1"), new BigDecimal("100.10"), T0);
    Order second = first.fill(new BigDecimal("0.2"), new BigDecimal("100.40"), T0);

    assertThat(first.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(second.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(second.filledQuantity()).isEqualByComparingTo("0.3");
    // (0.1 * 100.10 + 0.2 * 100.40) / 0.3 = 100.30 exactly; a double would give 100.29999...
    assertThat(Decimals.format(second.averagePrice())).isEqualTo("100.3");
  }

  @Test
  void anOverfillIsRefusedAndLeavesTheOrderUnchanged() {
    Order accepted = order("0.1").transitionTo(OrderStatus.ACCEPTED, "ok", T0);

    assertThatThrownBy(() -> accepted.fill(new BigDecimal("0.2"), BigDecimal.TEN, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overfilled");
    assertThat(accepted.filledQuantity()).isEqualByComparingTo("0");
  }

  @Test
  void aNewOrderCannotBeFilledBeforeItIsAccepted() {
    assertThatThrownBy(() -> order("0.1").fill(new BigDecimal("0.1"), BigDecimal.TEN, T0))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void aFilledOrderCannotBeCanceled() {
    Order filled =
        order("0.1")
            .transitionTo(OrderStatus.ACCEPTED, "ok", T0)
            .fill(new BigDecimal("0.1"), BigDecimal.TEN, T0);

    assertThatThrownBy(() -> filled.transitionTo(OrderStatus.CANCELED, "late", T0))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void theStoredFormRoundTripsEveryField() {
    Order filled =
        order("0.015")
            .transitionTo(OrderStatus.ACCEPTED, "ok", T0.plusSeconds(1))
            .fill(new BigDecimal("0.015"), new BigDecimal("64250.12"), T0.plusSeconds(2));

    Order back = OrderCodec.fromBytes(OrderCodec.toState(filled).toByteArray());

    assertThat(back.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(back.quantity()).isEqualByComparingTo("0.015");
    assertThat(back.averagePrice()).isEqualByComparingTo("64250.12");
    assertThat(back.price()).isNull();
    assertThat(back.updatedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(back.clientOrderId()).isEqualTo("c1");
  }
}
