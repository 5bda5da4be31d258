package oasis.orders;

import static trading.contracts.OrderStatus.ACCEPTED;
import static trading.contracts.OrderStatus.CANCELED;
import static trading.contracts.OrderStatus.FILLED;
import static trading.contracts.OrderStatus.NEW;
import static trading.contracts.OrderStatus.PARTIALLY_FILLED;
import static trading.contracts.OrderStatus.REJECTED;
import static trading.contracts.OrderStatus.SENT;
import static trading.contracts.OrderStatus.UNKNOWN;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import trading.contracts.OrderStatus;

/**
 * The order state machine as a table: which status may follow which; everything else is refused.
 */
public final class OrderTransitions {
  private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED =
      new EnumMap<>(OrderStatus.class);

  static {
    ALLOWED.put(NEW, EnumSet.of(SENT, ACCEPTED, REJECTED, CANCELED, UNKNOWN));
    // SENT is the claim to send, taken by compare-and-set before the venue call; a stale claim
    // (its sender gone) is taken again (SENT to SENT) only after the venue said it has no order.
    ALLOWED.put(SENT, EnumSet.of(SENT, ACCEPTED, REJECTED, CANCELED, UNKNOWN));
    // Resolved by asking the venue: what it says the order is (or, when it has none, a new claim).
    ALLOWED.put(UNKNOWN, EnumSet.of(SENT, ACCEPTED, REJECTED, CANCELED));
    ALLOWED.put(ACCEPTED, EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELED));
    ALLOWED.put(PARTIALLY_FILLED, EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELED));
    ALLOWED.put(REJECTED, EnumSet.noneOf(OrderStatus.class));
    ALLOWED.put(FILLED, EnumSet.noneOf(OrderStatus.class));
    ALLOWED.put(CANCELED, EnumSet.noneOf(OrderStatus.class));
  }

  private OrderTransitions() {}

  /** Whether {@code to} may follow {@code from}. */
  public static boolean isAllowed(OrderStatus from, OrderStatus to) {
    Set<OrderStatus> next = ALLOWED.get(from);
    return next != null && next.contains(to);
  }

  /** Whether no status may follow {@code status}. */
  public static boolean isTerminal(OrderStatus status) {
    Set<OrderStatus> next = ALLOWED.get(status);
    return next != null && next.isEmpty();
  }

  /** The statuses that may follow {@code from} (empty for terminal or unknown statuses). */
  public static Set<OrderStatus> next(OrderStatus from) {
    Set<OrderStatus> next = ALLOWED.get(from);
    return next == null ? Set.of() : Collections.unmodifiableSet(next);
  }

  /** Throws {@link IllegalTransitionException} unless {@code to} may follow {@code from}. */
  public static void check(String orderId, OrderStatus from, OrderStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalTransitionException(orderId, from, to);
    }
  }
}
