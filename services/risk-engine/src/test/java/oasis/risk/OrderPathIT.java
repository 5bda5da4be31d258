package oasis.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import trading.contracts.OrderState;
import trading.contracts.OrderStatus;
import trading.contracts.OrderStatusRequest;
import trading.contracts.RejectReason;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/** The risk engine and the order manager over real loopback gRPC. */
class OrderPathIT {
  private static final RiskLimits LIMITS =
      new RiskLimits(BigDecimal.ONE, new BigDecimal("100000"), BigDecimal.TEN, 100, 0.5, 0, false);

  private static final TradingSignal BUY =
      TradingSignal.newBuilder()
          .setStrategyId("momentum")
          .setSymbol("BTC-USD")
          .setSide("BUY")
          .setConfidence(0.9)
          .build();

  /** Fails the first {@code failures} calls with UNAVAILABLE, or delays every call. */
  static final class Flaky implements ServerInterceptor {
    final AtomicInteger calls = new AtomicInteger();
    private final int failures;
    private final long delayMillis;

    Flaky(int failures, long delayMillis) {
      this.failures = failures;
      this.delayMillis = delayMillis;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      if (calls.incrementAndGet() <= failures) {
        call.close(Status.UNAVAILABLE.withDescription("injected"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      ServerCall.Listener<Q> delegate = next.startCall(call, headers);
      return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
        @Override
        public void onHalfClose() {
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          super.onHalfClose();
        }
      };
    }
  }

  @Test
  void anApprovedSignalIsFilledAtTheLastPriceAndTheOrderManagerKnowsTheOrder() throws Exception {
    try (OrderPath path = new OrderPath(LIMITS, Duration.ofSeconds(2), 3)) {
      path.price("BTC-USD", "64250.12");

      SignalValidationResponse r =
          path.risk().withDeadlineAfter(5, TimeUnit.SECONDS).validateSignal(BUY);

      assertThat(r.getApproved()).isTrue();
      assertThat(r.getSubmission().getStatus()).isEqualTo("FILLED");
      assertThat(r.getSubmission().getAveragePrice()).isEqualTo("64250.12");
      OrderState state =
          path.orderManager()
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .getOrderStatus(
                  OrderStatusRequest.newBuilder()
                      .setOrderId(r.getSubmission().getOrderId())
                      .build());
      assertThat(state.getStatus()).isEqualTo(OrderStatus.FILLED);
      assertThat(state.getRequest().getClientOrderId())
          .isEqualTo(r.getOrderRequest().getClientOrderId());
      assertThat(path.book.position("BTC-USD")).isEqualByComparingTo("0.01");
    }
  }

  @Test
  void unavailableIsRetriedWithinTheAttemptBudget() throws Exception {
    Flaky flaky = new Flaky(2, 0);
    try (OrderPath path = new OrderPath(LIMITS, Duration.ofSeconds(2), 3, flaky)) {
      path.price("BTC-USD", "100");

      SignalValidationResponse r =
          path.risk().withDeadlineAfter(5, TimeUnit.SECONDS).validateSignal(BUY);

      assertThat(r.getApproved()).isTrue();
      assertThat(flaky.calls).hasValue(3);
    }
  }

  @Test
  void anOrderManagerThatStaysUnavailableIsARejectionAfterTheLastAttempt() throws Exception {
    Flaky flaky = new Flaky(Integer.MAX_VALUE, 0);
    try (OrderPath path = new OrderPath(LIMITS, Duration.ofSeconds(2), 3, flaky)) {
      path.price("BTC-USD", "100");

      SignalValidationResponse r =
          path.risk().withDeadlineAfter(5, TimeUnit.SECONDS).validateSignal(BUY);

      assertThat(r.getApproved()).isFalse();
      assertThat(r.getRejectCode()).isEqualTo(RejectReason.ORDER_MANAGER_UNAVAILABLE);
      assertThat(r.getReason()).contains("UNAVAILABLE");
      assertThat(flaky.calls).hasValue(3);
      assertThat(path.book.position("BTC-USD")).isEqualByComparingTo("0");
    }
  }

  @Test
  void aSlowOrderManagerHitsTheDeadlineAndIsNotRetried() throws Exception {
    // a deadline well above a cold first call on a busy machine, a delay well above the deadline
    Flaky slow = new Flaky(0, 3000);
    try (OrderPath path = new OrderPath(LIMITS, Duration.ofSeconds(1), 3, slow)) {
      path.price("BTC-USD", "100");

      SignalValidationResponse r =
          path.risk().withDeadlineAfter(5, TimeUnit.SECONDS).validateSignal(BUY);

      assertThat(r.getRejectCode()).isEqualTo(RejectReason.ORDER_MANAGER_UNAVAILABLE);
      assertThat(r.getReason()).contains("DEADLINE_EXCEEDED");
      assertThat(slow.calls).hasValue(1);
    }
  }
}
