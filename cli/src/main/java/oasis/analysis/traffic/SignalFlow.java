package oasis.analysis.traffic;

import static oasis.analysis.traffic.AnalysisTraffic.DEADLINE_MS;
import static oasis.analysis.traffic.AnalysisTraffic.dryRunSignal;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import oasis.analysis.traffic.AnalysisTraffic.Endpoint;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;

/**
 * A risk engine's track: dry-run signals, validated and never forwarded. One that comes back
 * forwarded stops the flow for good: the risk engine did not honour the flag.
 */
final class SignalFlow extends Flow {
  private final String symbol;
  private final String quantity;
  private final RiskValidatorGrpc.RiskValidatorFutureStub stub;
  private final Consumer<String> progress;
  private volatile boolean stopped;

  SignalFlow(Endpoint e, String symbol, String quantity, double rate, Consumer<String> progress) {
    super(e, rate);
    this.symbol = symbol;
    this.quantity = quantity;
    this.progress = progress;
    this.stub = RiskValidatorGrpc.newFutureStub(channel);
  }

  @Override
  void next() {
    if (stopped) {
      return;
    }
    send(
        stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
            .validateSignal(dryRunSignal(symbol, quantity)),
        r -> check((SignalValidationResponse) r),
        () -> {});
  }

  private void check(SignalValidationResponse r) {
    if (r.hasSubmission() && !stopped) {
      stopped = true;
      progress.accept(
          "  analysis traffic: STOPPED: the risk engine on the "
              + endpoint.track()
              + " track FORWARDED a dry-run signal as order "
              + r.getSubmission().getOrderId()
              + " ("
              + r.getSubmission().getStatus()
              + "); check the exchange account now");
    }
  }
}
