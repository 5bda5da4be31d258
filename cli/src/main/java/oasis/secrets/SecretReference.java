package oasis.secrets;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A variable's value that says where a secret lives instead of holding it: {@code ${env:NAME}},
 * {@code file:PATH}, {@code age:PATH#KEY}, {@code vault:PATH#KEY} or {@code k8s-secret:NAME#KEY}.
 * Its text names a place, never the secret, so it may appear in messages.
 *
 * @param scheme {@code env}, {@code file}, {@code age}, {@code vault} or {@code k8s-secret}
 * @param location the variable name, file path, Vault path or Secret name
 * @param key the entry inside the location, or null for the whole of it
 */
public record SecretReference(String scheme, String location, String key) {

  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern KEYED =
      Pattern.compile("(file|age|vault|k8s-secret):([^#\\s]+)(?:#([^#\\s]+))?");

  /** The reference {@code value} spells, or empty when it is a plain value. */
  public static Optional<SecretReference> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher env = ENV.matcher(value);
    if (env.matches()) {
      return Optional.of(new SecretReference("env", env.group(1), null));
    }
    Matcher keyed = KEYED.matcher(value);
    if (keyed.matches()) {
      return Optional.of(new SecretReference(keyed.group(1), keyed.group(2), keyed.group(3)));
    }
    return Optional.empty();
  }

  /** Whether a value looks like a reference (a scheme this class knows) but is malformed. */
  public static boolean looksLikeReference(String value) {
    return value != null
        && parse(value).isEmpty()
        && (value.startsWith("${env:")
            || value.startsWith("file:")
            || value.startsWith("age:")
            || value.startsWith("vault:")
            || value.startsWith("k8s-secret:"));
  }

  @Override
  public String toString() {
    return "env".equals(scheme)
        ? "${env:" + location + "}"
        : scheme + ":" + location + (key == null ? "" : "#" + key);
  }
}
