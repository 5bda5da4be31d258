package oasis.deploy.rollout;

import java.time.Instant;

/**
 * One decision on a rollout and who took it: a person's request ({@code promote}, {@code abort},
 * {@code pause}, ...; {@code by} is {@code user@host}), the judge's verdict on an analysis ({@code
 * pass}, {@code fail}, {@code inconclusive}; {@code by} is {@code judge}), or the end ({@code
 * promoted}, {@code aborted}).
 *
 * @param step index of the step it was taken at
 */
public record Decision(Instant at, String action, String by, int step) {

  /** Who decides on a rollout's analyses. */
  public static final String JUDGE = "judge";

  /** oasis itself, e.g. a new track that never became ready, or an interrupted rollout settled. */
  public static final String OASIS = "oasis";

  /** The person at this keyboard: {@code $USER@host}. */
  public static String person() {
    String user = System.getenv("USER");
    if (user == null || user.isBlank()) {
      user = System.getProperty("user.name", "unknown");
    }
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
      } catch (java.io.IOException | RuntimeException e) {
        host = "";
      }
    }
    return host.isBlank() ? user : user + "@" + host;
  }
}
