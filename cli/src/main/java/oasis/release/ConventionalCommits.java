package oasis.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses commit messages as Conventional Commits 1.0.0: {@code type(scope)!: description}, an
 * optional body, then footers ({@code Token: value} or {@code Token #value}).
 */
public final class ConventionalCommits {

  private static final Pattern HEADER =
      Pattern.compile(
          "^(?<type>[A-Za-z][A-Za-z0-9-]*)(?:\\((?<scope>[^()\\s][^()]*)\\))?(?<bang>!)?: "
              + "(?<description>.*\\S.*)$");
  private static final Pattern FOOTER =
      Pattern.compile(
          "^(?<token>BREAKING CHANGE|BREAKING-CHANGE|[A-Za-z0-9][A-Za-z0-9-]*)(?:: | #)"
              + "(?<value>.*)$");
  private static final Pattern BREAKING = Pattern.compile("^BREAKING[ -]CHANGE: .*");

  private static final Pattern RELEASE_AS =
      Pattern.compile("^release-as: *(\\S+) *$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

  private ConventionalCommits() {}

  /** A {@code Release-As:} line in a message that is not conventional (as release-please reads). */
  public static Optional<String> releaseAs(String message) {
    Matcher m = RELEASE_AS.matcher(message.replace("\r\n", "\n"));
    String found = null;
    while (m.find()) {
      found = m.group(1);
    }
    return Optional.ofNullable(found);
  }

  /** The parsed message, or empty when its first line is not a conventional header. */
  public static Optional<ConventionalCommit> parse(String message) {
    String[] lines = message.replace("\r\n", "\n").replace('\r', '\n').strip().split("\n", -1);
    Matcher header = HEADER.matcher(lines[0].strip());
    if (!header.matches()) {
      return Optional.empty();
    }
    int footerStart = footerStart(lines);
    String body = String.join("\n", List.of(lines).subList(1, footerStart)).strip();
    return Optional.of(
        new ConventionalCommit(
            header.group("type").toLowerCase(Locale.ROOT),
            header.group("scope") == null ? null : header.group("scope").strip(),
            header.group("bang") != null,
            header.group("description").strip(),
            body,
            footers(lines, footerStart)));
  }

  /**
   * Footers start at the first line after a blank one that looks like a footer; a {@code BREAKING
   * CHANGE:} line starts them wherever it is, so that a breaking change is never missed.
   */
  private static int footerStart(String[] lines) {
    for (int i = 1; i < lines.length; i++) {
      boolean afterBlank = lines[i - 1].isBlank() && i >= 2;
      if ((afterBlank && FOOTER.matcher(lines[i]).matches())
          || BREAKING.matcher(lines[i]).matches()) {
        return i;
      }
    }
    return lines.length;
  }

  private static List<ConventionalCommit.Footer> footers(String[] lines, int start) {
    List<ConventionalCommit.Footer> footers = new ArrayList<>();
    String token = null;
    StringBuilder value = new StringBuilder();
    for (int i = start; i < lines.length; i++) {
      Matcher m = FOOTER.matcher(lines[i]);
      if (m.matches()) {
        if (token != null) {
          footers.add(new ConventionalCommit.Footer(token, value.toString().strip()));
        }
        token = m.group("token");
        value = new StringBuilder(m.group("value"));
      } else {
        value.append('\n').append(lines[i]);
      }
    }
    if (token != null) {
      footers.add(new ConventionalCommit.Footer(token, value.toString().strip()));
    }
    return footers;
  }
}
