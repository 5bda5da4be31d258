package oasis.orders;

import java.time.Duration;
import java.util.List;
import trading.contracts.ExecutionReport;

/**
 * Execution reports written in the same atomic step as the order change they report, kept until a
 * broker has acknowledged them: in Redis when orders are (so they survive a restart), else in
 * memory. One drainer at a time holds the lease, so reports leave in the order they were written.
 */
public interface ReportOutbox {

  /** Up to {@code max} reports from the head, oldest first; nothing is removed. */
  List<ExecutionReport> peek(int max);

  /** Removes {@code count} reports from the head (those just acknowledged). */
  void remove(int count);

  /** Reports waiting. */
  long size();

  /**
   * Takes (or renews) the drainer's lease for {@code ttl}; false while another owner holds it. In
   * memory it waits for the holder instead.
   */
  boolean lease(String owner, Duration ttl);

  /** Gives the lease up, if {@code owner} holds it. */
  void release(String owner);
}
