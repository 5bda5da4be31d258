package oasis.service;

/** A configuration value is missing or not allowed; the message is one line naming the variable. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error from its one-line message. */
  public ConfigException(String message) {
    super(message);
  }

  /** The error for a variable whose value is not allowed. */
  public static ConfigException invalid(String name, String value, String allowed) {
    return new ConfigException(name + "=\"" + value + "\" is not allowed: expected " + allowed);
  }
}
