package oasis.risk;

import trading.contracts.OrderRequest;
import trading.contracts.OrderSubmissionResponse;

/** Sends an approved order to the order manager. */
@FunctionalInterface
public interface OrderSubmitter {

  /** The order manager's acknowledgement; throws when it cannot be reached in time. */
  OrderSubmissionResponse submit(OrderRequest request) throws SubmitException;
}
