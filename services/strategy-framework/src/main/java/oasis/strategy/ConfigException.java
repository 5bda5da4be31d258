package oasis.strategy;

/**
 * A configuration value is missing or not allowed; the message is the one line a service prints.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the variable and what is allowed. */
  public ConfigException(String message) {
    super(message);
  }
}
