package oasis.service;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated access to the service's configuration: environment variables over an optional
 * {@code .env} file in the working directory.
 *
 * <p>Every accessor checks its value and throws a {@link ConfigException} with one line naming the
 * variable and what is allowed. An empty value counts as unset.
 */
public final class ServiceConfig {
  private final Map<String, String> values;

  private ServiceConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The process environment over {@code .env} in the working directory. */
  public static ServiceConfig load() {
    return load(Path.of("").toAbsolutePath(), System.getenv());
  }

  /** The given environment over {@code .env} in {@code directory}, if that file exists. */
  public static ServiceConfig load(Path directory, Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>();
    try {
      Dotenv.configure()
          .directory(directory.toString())
          .ignoreIfMissing()
          .load()
          .entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)
          .forEach(e -> merged.put(e.getKey(), e.getValue()));
    } catch (DotenvException e) {
      throw new ConfigException(".env in " + directory + " is malformed: " + e.getMessage());
    }
    merged.putAll(environment);
    return new ServiceConfig(merged);
  }

  /** Exactly these values (tests, tools). */
  public static ServiceConfig of(Map<String, String> values) {
    return new ServiceConfig(values);
  }

  /** The raw value, empty when unset or blank. */
  public Optional<String> raw(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * A secret: the value of {@code name}, else the content of the file {@code name_FILE} names
   * (trailing newline dropped), so a password need not sit in a process's environment. Errors name
   * the variable and the file, never the value.
   */
  public Optional<String> secret(String name) {
    Optional<String> value = raw(name);
    if (value.isPresent()) {
      return value;
    }
    Optional<String> file = raw(name + "_FILE");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      String text = java.nio.file.Files.readString(Path.of(file.get())).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (java.io.IOException e) {
      throw ConfigException.invalid(name + "_FILE", file.get(), "a readable file");
    }
  }

  /** A string, or the default when unset. */
  public String string(String name, String defaultValue) {
    return raw(name).orElse(defaultValue);
  }

  /** A string that must be set; {@code what} tells the operator what to put there. */
  public String required(String name, String what) {
    return raw(name).orElseThrow(() -> new ConfigException(name + " is required: " + what));
  }

  /** An integer within {@code [min, max]}. */
  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String allowed = "an integer from " + min + " to " + max;
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        throw ConfigException.invalid(name, value.get(), allowed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ConfigException.invalid(name, value.get(), allowed);
    }
  }

  /** A TCP port; 0 asks for any free port. */
  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 0, 65535);
  }

  /** An exact decimal within {@code [min, max]}. */
  public BigDecimal decimal(String name, BigDecimal defaultValue, BigDecimal min, BigDecimal max) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String allowed = "a decimal number from " + min.toPlainString() + " to " + max.toPlainString();
    try {
      BigDecimal parsed = new BigDecimal(value.get());
      if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
        throw ConfigException.invalid(name, value.get(), allowed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ConfigException.invalid(name, value.get(), allowed);
    }
  }

  /** One of the allowed values, compared exactly. */
  public String oneOf(String name, String defaultValue, String... allowed) {
    Optional<String> value = raw(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    if (!Arrays.asList(allowed).contains(value.get())) {
      throw ConfigException.invalid(name, value.get(), "one of " + String.join("|", allowed));
    }
    return value.get();
  }

  /** A flag written {@code 0} or {@code 1}. */
  public boolean bool01(String name, boolean defaultValue) {
    return "1".equals(oneOf(name, defaultValue ? "1" : "0", "0", "1"));
  }

  /** A comma-separated list of non-empty items. */
  public List<String> list(String name, String defaultValue) {
    String value = string(name, defaultValue);
    List<String> items = Arrays.stream(value.split(",")).map(String::trim).toList();
    if (items.stream().anyMatch(String::isEmpty)) {
      throw ConfigException.invalid(name, value, "a comma-separated list of non-empty items");
    }
    return items;
  }

  /** A {@code host:port} address. */
  public String hostPort(String name, String defaultValue) {
    String value = string(name, defaultValue);
    int colon = value.lastIndexOf(':');
    String allowed = "host:port with a port from 1 to 65535";
    if (colon <= 0) {
      throw ConfigException.invalid(name, value, allowed);
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw ConfigException.invalid(name, value, allowed);
      }
    } catch (NumberFormatException e) {
      throw ConfigException.invalid(name, value, allowed);
    }
    return value;
  }
}
