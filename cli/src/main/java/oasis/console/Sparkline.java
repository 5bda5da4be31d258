package oasis.console;

import java.util.List;

/** One-line charts of block characters, and the weight bar. */
public final class Sparkline {

  private static final char[] BLOCKS = "▁▂▃▄▅▆▇█".toCharArray();

  private Sparkline() {}

  /**
   * The values (nulls as a space) scaled between {@code low} and {@code high}, so that two lines
   * drawn on one scale compare.
   */
  public static String of(List<Double> values, double low, double high) {
    StringBuilder b = new StringBuilder();
    for (Double v : values) {
      if (v == null) {
        b.append(' ');
        continue;
      }
      double f = high > low ? (v - low) / (high - low) : 0;
      int i = (int) Math.round(Math.max(0, Math.min(1, f)) * (BLOCKS.length - 1));
      b.append(BLOCKS[i]);
    }
    return b.toString();
  }

  /** {@code [######--------------]} for a percentage, {@code width} cells inside the brackets. */
  public static String bar(int percent, int width) {
    int filled = Math.round(Math.max(0, Math.min(100, percent)) * width / 100f);
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  /** The last {@code n} of a list. */
  public static <T> List<T> last(List<T> list, int n) {
    return list.size() <= n ? list : list.subList(list.size() - n, list.size());
  }
}
