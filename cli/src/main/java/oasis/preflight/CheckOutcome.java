package oasis.preflight;

import java.util.List;

/**
 * One checklist item after it ran: its final status (severity and waivers applied), the check's
 * message and findings, and what a waiver did.
 */
public record CheckOutcome(
    CheckSpec spec,
    Status status,
    String message,
    List<Finding> findings,
    String waiver,
    long millis) {

  public CheckOutcome {
    findings = List.copyOf(findings);
  }
}
