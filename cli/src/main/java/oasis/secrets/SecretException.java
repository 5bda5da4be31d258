package oasis.secrets;

/** A reference that could not be resolved; its message names the reference, never a value. */
public class SecretException extends RuntimeException {

  private final String hint;

  public SecretException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  public SecretException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** What the operator should do. */
  public String hint() {
    return hint;
  }
}
