package oasis.orders;

import java.util.Objects;
import trading.contracts.TradingMode;

/**
 * Where each order goes, by its effective mode. The ceiling ({@code ORDER_MANAGER_MODE}) is a
 * property of this object, not of a message: a paper order manager has no exchange venue at all, so
 * nothing a request says can reach an exchange through it.
 */
public final class Venues {
  private final ExecutionVenue paper;
  private final ExecutionVenue exchange;

  private Venues(ExecutionVenue paper, ExecutionVenue exchange) {
    this.paper = Objects.requireNonNull(paper, "paper");
    this.exchange = exchange;
  }

  /** A paper order manager: every order is filled on paper. */
  public static Venues paperOnly(ExecutionVenue paper) {
    return new Venues(paper, null);
  }

  /** A real order manager: real-money orders go to {@code exchange}, all others to paper. */
  public static Venues real(ExecutionVenue paper, ExecutionVenue exchange) {
    return new Venues(paper, Objects.requireNonNull(exchange, "exchange"));
  }

  /** The ceiling on every order's mode. */
  public OrderManagerConfig.Mode ceiling() {
    return exchange == null ? OrderManagerConfig.Mode.PAPER : OrderManagerConfig.Mode.REAL;
  }

  /** The venue for an order of this effective mode. */
  public ExecutionVenue forMode(TradingMode mode) {
    if (mode != TradingMode.REAL) {
      return paper;
    }
    if (exchange == null) {
      // OrderRequests never makes a REAL order under a paper ceiling; this is the second lock.
      throw new IllegalStateException("a paper order manager never sends an order to an exchange");
    }
    return exchange;
  }
}
