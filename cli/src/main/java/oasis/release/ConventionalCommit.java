package oasis.release;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A commit message that follows Conventional Commits 1.0.0.
 *
 * @param type the type, lower-cased ({@code feat}, {@code fix}, ...)
 * @param scope the scope in parentheses, or null
 * @param breakingMark whether the header has {@code !} before the colon
 * @param description the header's description
 * @param body the body (may be empty)
 * @param footers the footers in order ({@code BREAKING CHANGE: ...}, {@code Release-As: ...})
 */
public record ConventionalCommit(
    String type,
    String scope,
    boolean breakingMark,
    String description,
    String body,
    List<Footer> footers) {

  public ConventionalCommit {
    footers = List.copyOf(footers);
  }

  /** One footer: a token and its value (which may span lines). */
  public record Footer(String token, String value) {

    /** {@code BREAKING CHANGE} and {@code BREAKING-CHANGE}: uppercase only, as the spec says. */
    public boolean breaking() {
      return token.equals("BREAKING CHANGE") || token.equals("BREAKING-CHANGE");
    }
  }

  /** A breaking change: {@code !} in the header or a {@code BREAKING CHANGE} footer. */
  public boolean breaking() {
    return breakingMark || footers.stream().anyMatch(Footer::breaking);
  }

  /** What breaks: the footers' text, else the description when only {@code !} says so. */
  public List<String> breakingNotes() {
    List<String> notes = footers.stream().filter(Footer::breaking).map(Footer::value).toList();
    return notes.isEmpty() && breakingMark ? List.of(description) : notes;
  }

  /** The value of the last footer with this token (case-insensitive), if any. */
  public Optional<String> footer(String token) {
    String wanted = token.toLowerCase(Locale.ROOT);
    Optional<String> found = Optional.empty();
    for (Footer f : footers) {
      if (f.token().toLowerCase(Locale.ROOT).equals(wanted)) {
        found = Optional.of(f.value());
      }
    }
    return found;
  }
}
