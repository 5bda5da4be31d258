package oasis.strategy;

import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/** Sends a signal to the risk engine and returns its verdict. */
@FunctionalInterface
public interface SignalSender {

  /** The risk engine's answer; throws when it cannot be reached in time. */
  SignalValidationResponse send(TradingSignal signal) throws SendException;
}
