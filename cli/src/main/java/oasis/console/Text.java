package oasis.console;

/** Fitting text into columns of a narrow terminal. */
public final class Text {

  private Text() {}

  /** {@code s} cut to {@code width} with an ellipsis, or padded with spaces to it. */
  public static String cell(String s, int width) {
    String v = s == null ? "-" : s;
    if (v.length() > width) {
      return width <= 1 ? v.substring(0, width) : v.substring(0, width - 1) + "…";
    }
    return v + " ".repeat(width - v.length());
  }

  /** {@code s} cut to {@code width}, not padded. */
  public static String fit(String s, int width) {
    return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
  }
}
