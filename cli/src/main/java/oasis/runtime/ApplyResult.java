package oasis.runtime;

import java.util.List;

/**
 * How converging to a plan ended.
 *
 * @param ready whether every instance became ready
 * @param failedInstance the instance that did not, or null
 * @param reason why, for people (names host and port of a failing probe)
 * @param lastLogLines the failing instance's last log lines
 */
public record ApplyResult(
    boolean ready, String failedInstance, String reason, List<String> lastLogLines) {

  public static ApplyResult ok() {
    return new ApplyResult(true, null, null, List.of());
  }

  public static ApplyResult failed(String instance, String reason, List<String> lines) {
    return new ApplyResult(false, instance, reason, lines == null ? List.of() : List.copyOf(lines));
  }
}
