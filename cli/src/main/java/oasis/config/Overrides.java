package oasis.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import oasis.core.OasisException;

/** {@code --set COMPONENT.VAR=VALUE} values: parsing, and redaction of secrets for the ledger. */
public final class Overrides {

  public static final String REDACTED = "***";
  private static final Pattern SET =
      Pattern.compile("([a-z0-9][a-z0-9-]*)\\.([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);
  private static final List<String> SECRET_WORDS =
      List.of("SECRET", "KEY", "PASSPHRASE", "PASSWORD", "TOKEN", "CREDENTIAL");

  private Overrides() {}

  /**
   * Parses {@code --set} values into {@code COMPONENT.VAR} to value; unknown names are bad input.
   */
  public static Map<String, String> parse(List<String> sets, Set<String> known) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : sets == null ? List.<String>of() : sets) {
      var m = SET.matcher(s);
      if (!m.matches()) {
        throw OasisException.badInput(
            "malformed --set '" + redactArg(s) + "'",
            "Write --set COMPONENT.VAR=VALUE, e.g. --set order-manager.OASIS_FAULT_ERROR_RATE=0.3.");
      }
      if (!known.contains(m.group(1))) {
        throw OasisException.badInput(
            "--set names unknown component '" + m.group(1) + "'",
            "Use one of: " + String.join(", ", known.stream().sorted().toList()) + ".");
      }
      out.put(m.group(1) + "." + m.group(2), m.group(3));
    }
    return out;
  }

  /** Whether a variable name looks like a secret (its value never reaches logs or the ledger). */
  public static boolean isSecret(String var) {
    String upper = var.toUpperCase(java.util.Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(upper::contains);
  }

  /** The overrides as the ledger records them: secret values replaced by {@code ***}. */
  public static Map<String, String> redacted(Map<String, String> overrides) {
    Map<String, String> out = new TreeMap<>();
    overrides.forEach(
        (k, v) -> out.put(k, isSecret(k.substring(k.indexOf('.') + 1)) ? REDACTED : v));
    return out;
  }

  /** The variables of one component. */
  public static Map<String, String> of(Map<String, String> overrides, String component) {
    Map<String, String> out = new TreeMap<>();
    overrides.forEach(
        (k, v) -> {
          if (k.startsWith(component + ".")) {
            out.put(k.substring(component.length() + 1), v);
          }
        });
    return out;
  }

  private static String redactArg(String s) {
    int eq = s.indexOf('=');
    return eq > 0 && isSecret(s.substring(0, eq)) ? s.substring(0, eq) + "=" + REDACTED : s;
  }
}
