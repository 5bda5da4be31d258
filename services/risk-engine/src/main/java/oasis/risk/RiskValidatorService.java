package oasis.risk;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/** The {@code RiskValidator} gRPC service over {@link RiskEngine}. */
public final class RiskValidatorService extends RiskValidatorGrpc.RiskValidatorImplBase {
  private final RiskEngine engine;

  /** Serves {@code engine}. */
  public RiskValidatorService(RiskEngine engine) {
    this.engine = engine;
  }

  @Override
  public void validateSignal(
      TradingSignal signal, StreamObserver<SignalValidationResponse> responses) {
    try {
      responses.onNext(engine.validate(signal));
      responses.onCompleted();
    } catch (RuntimeException e) {
      responses.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asException());
    }
  }
}
