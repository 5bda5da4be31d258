package oasis.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import oasis.service.control.KillSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import trading.contracts.OrderRequest;
import trading.contracts.OrderStatus;

/**
 * The order manager's domain: submit (idempotent on client_order_id), status and cancel. Every
 * order is stored before the venue sees it and again before it is acknowledged, so whatever a
 * caller was told survives a restart when the store is durable. The per-process locks only spare
 * work: what makes one order per client id hold across instances and tracks is the store, whose
 * create is atomic and whose every change is a compare-and-set; only the instance whose SENT claim
 * was stored calls the venue. Every stored change carries its execution reports into the store's
 * outbox in the same step; the relay publishes them.
 */
public final class OrderService {
  private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);
  private static final int LOCK_STRIPES = 64;

  /**
   * How long a SENT claim stands before another instance may ask the venue and, if it has no such
   * order, send it: longer than a lookup and a send together (2 x {@code
   * CoinbaseVenue.REQUEST_TIMEOUT}), so a live sender is never overtaken.
   */
  public static final Duration CLAIM_LEASE = Duration.ofSeconds(10);

  private final OrderStore store;
  private final Venues venues;
  private final OrderMetrics metrics;
  private final Clock clock;
  private final Supplier<String> orderIds;
  private final Duration claimLease;
  private volatile KillSwitch killSwitch = new KillSwitch();
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  private final OrderWriter writer;

  /** A paper order manager over {@code paper}, with random order ids and the system clock. */
  public OrderService(
      OrderStore store,
      ExecutionVenue paper,
      ExecutionReportPublisher reports,
      OrderMetrics metrics) {
    this(store, Venues.paperOnly(paper), reports, metrics);
  }

  /** With random order ids and the system clock. */
  public OrderService(
      OrderStore store, Venues venues, ExecutionReportPublisher reports, OrderMetrics metrics) {
    this(store, venues, reports, metrics, Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  /** With an explicit clock and order-id source (tests). */
  public OrderService(
      OrderStore store,
      Venues venues,
      ExecutionReportPublisher reports,
      OrderMetrics metrics,
      Clock clock,
      Supplier<String> orderIds) {
    this(store, venues, reports, metrics, clock, orderIds, CLAIM_LEASE);
  }

  /**
   * With an explicit claim lease as well (tests); reports are published to {@code reports} from the
   * outbox in the calling thread.
   */
  public OrderService(
      OrderStore store,
      Venues venues,
      ExecutionReportPublisher reports,
      OrderMetrics metrics,
      Clock clock,
      Supplier<String> orderIds,
      Duration claimLease) {
    this(
        store,
        venues,
        ReportRelay.inline(store.outbox(), reports, metrics),
        metrics,
        clock,
        orderIds,
        claimLease);
  }

  /** Reports leave through {@code relay}, which drains {@code store}'s outbox. */
  public OrderService(
      OrderStore store,
      Venues venues,
      ReportRelay relay,
      OrderMetrics metrics,
      Clock clock,
      Supplier<String> orderIds,
      Duration claimLease) {
    this.claimLease = claimLease;
    this.store = store;
    this.venues = venues;
    this.metrics = metrics;
    this.clock = clock;
    this.orderIds = orderIds;
    this.writer = new OrderWriter(store, relay, metrics, clock);
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * Obeys {@code killSwitch}: while it is engaged no order is accepted or sent, and engaging it
   * cancels every working order this service's store holds.
   */
  public OrderService obey(KillSwitch killSwitch) {
    this.killSwitch = killSwitch;
    killSwitch.onEngage(reason -> cancelAll("kill switch: " + reason));
    return this;
  }

  /**
   * Cancels every order that may be working at a venue (ACCEPTED, PARTIALLY_FILLED, SENT, UNKNOWN);
   * returns how many were canceled. One that cannot be canceled now is logged and left.
   */
  public int cancelAll(String reason) {
    int canceled = 0;
    for (Order order : store.all()) {
      switch (order.status()) {
        case ACCEPTED, PARTIALLY_FILLED, SENT, UNKNOWN -> {
          try {
            if (cancel(order.orderId(), null, reason).status() == OrderStatus.CANCELED) {
              canceled++;
            }
          } catch (VenueException | RuntimeException e) {
            metrics.submitError("cancel_all");
            LOG.warn("order {} not canceled on {}: {}", order.orderId(), reason, e.toString());
          }
        }
        default -> {}
      }
    }
    LOG.warn("canceled {} working orders: {}", canceled, reason);
    return canceled;
  }

  /**
   * Submits an order, or returns the order already known under its client_order_id. Throws {@link
   * InvalidOrderException} for a malformed request, {@link ConflictingOrderException} when the
   * client_order_id is already an order with other fields. A venue that does not answer leaves the
   * order UNKNOWN, answered as such (never an error a caller would retry blindly); a later submit
   * of a NEW or UNKNOWN order asks the venue for it by client id before anything is sent again.
   */
  public Order submit(OrderRequest request) {
    long start = System.nanoTime();
    Order candidate;
    try {
      candidate =
          OrderRequests.toNewOrder(request, venues.ceiling(), orderIds.get(), clock.instant());
    } catch (InvalidOrderException e) {
      metrics.submitError("invalid");
      metrics.observeExecution(null, System.nanoTime() - start);
      LOG.info("order refused client_order_id={}: {}", request.getClientOrderId(), e.getMessage());
      throw e;
    }
    if (killSwitch.engaged()) {
      metrics.submitError("kill_switch");
      metrics.observeExecution(null, System.nanoTime() - start);
      throw new KillSwitchException(
          "kill switch is engaged: no orders (" + killSwitch.reason() + ")");
    }
    Order outcome = null;
    try {
      ReentrantLock lock = lockFor(candidate.clientOrderId());
      lock.lock();
      try {
        Optional<Order> existing = writer.create(candidate);
        if (existing.isPresent()) {
          Order order = existing.get();
          String conflict = OrderRequests.conflict(order, candidate);
          if (conflict != null) {
            metrics.submitError("conflict");
            throw new ConflictingOrderException(conflict);
          }
          outcome = advance(order);
          return outcome;
        }
        outcome = claimAndSend(candidate, false);
        return outcome;
      } finally {
        lock.unlock();
      }
    } finally {
      Order shown = outcome == null ? candidate : outcome;
      metrics.observeExecution(shown.mode(), System.nanoTime() - start);
      // One line per order with its effective mode: what an operator greps for first.
      LOG.info(
          "order {} client_order_id={} {} {} {} mode={} requested_real_money={} status={}",
          shown.orderId(),
          shown.clientOrderId(),
          shown.side(),
          shown.quantity().toPlainString(),
          shown.symbol(),
          shown.mode(),
          request.getRealMoney(),
          outcome == null ? "NOT_SUBMITTED" : outcome.status());
    }
  }

  /** The order with this id or client id. */
  public Optional<Order> find(String orderId, String clientOrderId) {
    if (orderId != null && !orderId.isEmpty()) {
      return store.findById(orderId);
    }
    if (clientOrderId != null && !clientOrderId.isEmpty()) {
      return store.findByClientOrderId(clientOrderId);
    }
    return Optional.empty();
  }

  /**
   * Cancels a working order, keeping every fill it had: after the venue's cancel the venue is asked
   * for the order's fills, applied before it is stored CANCELED (or FILLED, when it filled in full
   * first). Throws {@link IllegalTransitionException} for one that is already final and {@link
   * java.util.NoSuchElementException} for an unknown one; a {@link VenueException} when the venue
   * refused the cancel or could not tell the fills (the fill loop completes the order then).
   */
  public Order cancel(String orderId, String clientOrderId, String reason) throws VenueException {
    Order known = find(orderId, clientOrderId).orElseThrow();
    ReentrantLock lock = lockFor(known.clientOrderId());
    lock.lock();
    try {
      Order current = store.findById(known.orderId()).orElseThrow();
      OrderTransitions.check(current.orderId(), current.status(), OrderStatus.CANCELED);
      ExecutionVenue venue = venues.forMode(current.mode());
      String text = reason == null || reason.isBlank() ? "canceled" : "canceled: " + reason;
      try {
        venue.cancel(current);
      } catch (VenueException e) {
        // Perhaps done already (filled while we asked): the venue's own view decides.
        Optional<VenueResult> seen = venue.find(current);
        if (seen.isPresent() && seen.get().outcome() != VenueResult.Outcome.ACCEPTED) {
          return writer.apply(current, seen.get());
        }
        throw e;
      }
      // Fills until the cancel took effect are the venue's to tell (none on paper).
      Optional<VenueResult> seen = venue.find(current);
      List<Fill> fills = seen.map(VenueResult::fills).orElse(List.of());
      return writer.apply(current, new VenueResult(VenueResult.Outcome.CANCELED, fills, text));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks the venue about an order that may be working there (the fill loop, and reconciliation at
   * start): new fills are applied, each once, and a done order is completed. An order that may
   * never have reached the venue (UNKNOWN, a stale SENT claim, a NEW one left by a crash) is
   * adopted when the venue has it; when the venue still does not know it {@code giveUp} after its
   * last change, it is REJECTED, so nobody sends it late. Never sends anything.
   */
  public Order refresh(Order order, Duration giveUp) {
    ReentrantLock lock = lockFor(order.clientOrderId());
    lock.lock();
    try {
      Order current = writer.stored(() -> store.findById(order.orderId())).orElse(order);
      if (current.isTerminal()
          || (current.status() == OrderStatus.SENT && !isStale(current))
          || (current.status() == OrderStatus.NEW && !isStale(current))) {
        return current;
      }
      Optional<VenueResult> seen;
      try {
        seen = venues.forMode(current.mode()).find(current);
      } catch (VenueException | RuntimeException e) {
        LOG.info("order {} not refreshed: {}", current.orderId(), e.getMessage());
        return current;
      }
      if (seen.isPresent()) {
        return writer.apply(current, seen.get());
      }
      boolean mayBeUnsent =
          switch (current.status()) {
            case NEW, SENT, UNKNOWN -> true;
            default -> false;
          };
      if (mayBeUnsent && current.updatedAt().plus(giveUp).isBefore(clock.instant())) {
        return writer.save(
            current,
            current.transitionTo(
                OrderStatus.REJECTED,
                "never reached the venue: unknown there " + giveUp.toSeconds() + " s on; not sent",
                clock.instant()),
            null);
      }
      return current;
    } finally {
      lock.unlock();
    }
  }

  /**
   * An order already stored, submitted again (a retry, perhaps to another instance or track). Only
   * the holder of the SENT claim sends; everybody else answers with what the store says.
   */
  private Order advance(Order order) {
    return switch (order.status()) {
      // Stored but not claimed: its creator died, or is about to claim; the claim decides. Asked
      // about first, in case a version without claims sent it.
      case NEW -> claimAndSend(order, true);
      case UNKNOWN -> resolve(order);
      // A claim younger than the lease is a send in flight elsewhere: nothing is sent.
      case SENT -> isStale(order) ? resolve(order) : order;
      default -> order;
    };
  }

  private boolean isStale(Order sent) {
    return sent.updatedAt().plus(claimLease).isBefore(clock.instant());
  }

  /**
   * An order that may have reached the venue (UNKNOWN: sent, answer lost; SENT with a stale claim:
   * its sender died). Asked for by client id first: found, its state is adopted; not found, it is
   * claimed again and sent; no answer, it is UNKNOWN.
   */
  private Order resolve(Order order) {
    Optional<VenueResult> known;
    try {
      known = venues.forMode(order.mode()).find(order);
    } catch (VenueException | RuntimeException e) {
      metrics.submitError("venue_error");
      return writer.unknown(
          order, "outcome unknown, the venue did not answer the lookup: " + e.getMessage());
    }
    return known.isPresent() ? writer.apply(order, known.get()) : claimAndSend(order, false);
  }

  /**
   * Takes the claim to send (a compare-and-set to SENT, so of all the instances that share the
   * store exactly one wins) and sends. The loser sends nothing and answers with the stored state.
   */
  private Order claimAndSend(Order order, boolean askFirst) {
    if (killSwitch.engaged()) {
      return order; // engaged after the submit began: nothing is sent
    }
    Order claimed =
        order.transitionTo(
            OrderStatus.SENT, "sending; a retry waits for this answer", clock.instant());
    if (!writer.stored(() -> store.replace(order, claimed))) {
      metrics.submitError("claimed_elsewhere");
      LOG.info(
          "order {} client_order_id={} is being sent by another instance; not sent here",
          order.orderId(),
          order.clientOrderId());
      return writer.current(order);
    }
    metrics.transition(order.status(), OrderStatus.SENT);
    if (askFirst) {
      Optional<VenueResult> known;
      try {
        known = venues.forMode(claimed.mode()).find(claimed);
      } catch (VenueException | RuntimeException e) {
        metrics.submitError("venue_error");
        return writer.unknown(
            claimed, "outcome unknown, the venue did not answer the lookup: " + e.getMessage());
      }
      if (known.isPresent()) {
        return writer.apply(claimed, known.get());
      }
    }
    return execute(claimed);
  }

  private Order execute(Order order) {
    VenueResult result;
    try {
      result = venues.forMode(order.mode()).submit(order);
    } catch (VenueException | RuntimeException e) {
      // Sent, perhaps received: only the venue can say. Never re-sent before it has been asked.
      metrics.submitError("venue_error");
      return writer.unknown(
          order,
          "outcome unknown: "
              + e.getMessage()
              + "; the next submit asks the venue by client id before sending again");
    }
    return writer.apply(order, result);
  }

  private ReentrantLock lockFor(String clientOrderId) {
    return locks[Math.floorMod(clientOrderId.hashCode(), LOCK_STRIPES)];
  }
}
