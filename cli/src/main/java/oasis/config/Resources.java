package oasis.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource limits of one container (docker target; compose export).
 *
 * @param memory a memory limit such as {@code 512m} or {@code 1g} (bytes, k, m, g)
 * @param cpus CPUs the container may use, such as {@code 0.5}
 */
public record Resources(String memory, Double cpus) {

  private static final Pattern MEMORY = Pattern.compile("(\\d+)([bkmg]?)");
  static final long MIN_MEMORY = 64L << 20;

  /** What is wrong with these limits, for people; empty when they are usable. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (memory != null) {
      Long bytes = bytesOrNull(memory);
      if (bytes == null) {
        out.add("memory '" + memory + "' is not a size such as 512m or 1g");
      } else if (bytes < MIN_MEMORY) {
        out.add("memory '" + memory + "' is below 64m, too little for a JVM");
      }
    }
    if (cpus != null && (cpus <= 0 || cpus > 256)) {
      out.add("cpus " + cpus + " is not a CPU count above 0 (such as 0.5 or 2)");
    }
    return out;
  }

  /** The memory limit in bytes, or null when there is none. */
  public Long memoryBytes() {
    return memory == null ? null : bytesOrNull(memory);
  }

  /** The CPU limit in billionths of a CPU (Docker's NanoCpus), or null when there is none. */
  public Long nanoCpus() {
    return cpus == null ? null : Math.round(cpus * 1e9);
  }

  private static Long bytesOrNull(String size) {
    Matcher m = MEMORY.matcher(size.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      default -> n;
    };
  }
}
