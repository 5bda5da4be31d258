package oasis.console;

/** ANSI styling that is a no-op when colour is off (not a terminal, --no-color, NO_COLOR). */
public record Style(boolean on) {

  public String bold(String s) {
    return wrap("1", s);
  }

  public String green(String s) {
    return wrap("32", s);
  }

  public String red(String s) {
    return wrap("31", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  /** Green for pass and healthy, red for fail, aborted and failed, yellow for the rest. */
  public String outcome(String label) {
    if (label == null) {
      return "";
    }
    return switch (label) {
      case "pass", "succeeded", "healthy", "yes", "done" -> green(label);
      case "fail", "aborted", "failed", "no", "rolled-back" -> red(label);
      default -> yellow(label);
    };
  }

  private String wrap(String code, String s) {
    return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
