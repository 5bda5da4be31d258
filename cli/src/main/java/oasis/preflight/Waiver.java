package oasis.preflight;

import java.time.LocalDate;

/** An accepted failure of one check, with why and until when (inclusive); then it lapses. */
public record Waiver(String reason, LocalDate expires, int line) {

  public boolean activeOn(LocalDate day) {
    return !day.isAfter(expires);
  }
}
