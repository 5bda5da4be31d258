package oasis.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.ExecutionReport;
import trading.contracts.OrderStatus;

/**
 * Turns what a venue says about an order into the order's next state and one execution report per
 * step (accepted, each new fill, done), to be stored together in one compare-and-set. A fill the
 * order already counts (same venue id) is skipped: however often, and by however many instances,
 * the venue is read, each fill counts once.
 */
final class VenueUpdate {
  private static final Logger LOG = LoggerFactory.getLogger(VenueUpdate.class);

  /** The next state and the reports of each step to it; no reports means nothing changed. */
  record Change(Order next, List<ExecutionReport> reports) {
    boolean isEmpty() {
      return reports.isEmpty();
    }
  }

  private VenueUpdate() {}

  /** Applies {@code result} to {@code order}. */
  static Change apply(Order order, VenueResult result, Instant now) {
    List<ExecutionReport> reports = new ArrayList<>();
    Order next = order;
    if (result.outcome() == VenueResult.Outcome.REJECTED) {
      if (OrderTransitions.isAllowed(order.status(), OrderStatus.REJECTED)) {
        next = order.transitionTo(OrderStatus.REJECTED, result.text(), now);
        reports.add(OrderCodec.toReport(next, null));
      }
      return new Change(next, reports);
    }
    // A cancel of an order the venue never had is not an acceptance.
    boolean venueHadIt =
        result.outcome() != VenueResult.Outcome.CANCELED || !result.fills().isEmpty();
    if (venueHadIt
        && OrderTransitions.isAllowed(next.status(), OrderStatus.ACCEPTED)
        && next.status() != OrderStatus.ACCEPTED) {
      next = next.transitionTo(OrderStatus.ACCEPTED, result.text(), now);
      reports.add(OrderCodec.toReport(next, null));
    }
    for (Fill fill : result.fills()) {
      if (next.hasFill(fill.fillId()) || next.isTerminal()) {
        continue;
      }
      if (next.filledQuantity().add(fill.quantity()).compareTo(next.quantity()) > 0) {
        LOG.error(
            "order {}: venue fill {} of {} would overfill it ({} of {} filled); not applied",
            order.orderId(),
            fill.fillId(),
            fill.quantity().toPlainString(),
            next.filledQuantity().toPlainString(),
            next.quantity().toPlainString());
        continue;
      }
      next = next.fill(fill, now);
      reports.add(OrderCodec.toReport(next, fill));
    }
    if (result.outcome() == VenueResult.Outcome.CANCELED
        && OrderTransitions.isAllowed(next.status(), OrderStatus.CANCELED)) {
      next = next.transitionTo(OrderStatus.CANCELED, result.text(), now);
      reports.add(OrderCodec.toReport(next, null));
    }
    return new Change(next, reports);
  }
}
