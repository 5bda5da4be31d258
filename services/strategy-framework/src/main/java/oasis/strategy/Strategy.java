package oasis.strategy;

import java.util.Optional;

/** A trading strategy: sees every trade, in order, and may answer with a signal. */
public interface Strategy {

  /** Updates the strategy's state with {@code trade}; a signal when it wants to act. */
  Optional<SignalIntent> onTrade(Trade trade);
}
