package oasis.orders;

import trading.contracts.ExecutionReport;

/** Publishes an execution report on every order state change; must not block the order path. */
@FunctionalInterface
public interface ExecutionReportPublisher {

  /** Publishes {@code report}; failures are the publisher's to count and log. */
  void publish(ExecutionReport report);
}
