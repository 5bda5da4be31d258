package oasis.core;

/**
 * A failure that the user can act on: it carries the exit code of the CLI contract, a message that
 * says what was wrong and where, and a hint that says what to do.
 */
public class OasisException extends RuntimeException {

  /** What kind of failure this is; each maps to one exit code of {@code CLI.md}. */
  public enum Kind {
    /** The operation ran and failed: a check, smoke, a rollout, a deploy that rolled back. */
    FAILED(1),
    /** Bad input: flag, version, configuration file, unknown environment or release. */
    BAD_INPUT(2),
    /** Another operation holds the environment, or the state is not what the command needs. */
    CONFLICT(3),
    /** A bug: the message says where to look. */
    INTERNAL(4);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;
  private final String hint;

  public OasisException(Kind kind, String message, String hint) {
    this(kind, message, hint, null);
  }

  public OasisException(Kind kind, String message, String hint, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.hint = hint;
  }

  public static OasisException badInput(String message, String hint) {
    return new OasisException(Kind.BAD_INPUT, message, hint);
  }

  public static OasisException conflict(String message, String hint) {
    return new OasisException(Kind.CONFLICT, message, hint);
  }

  public static OasisException failed(String message, String hint) {
    return new OasisException(Kind.FAILED, message, hint);
  }

  public Kind kind() {
    return kind;
  }

  /** What the user should do next; may be null when the message says it all. */
  public String hint() {
    return hint;
  }

  /** The innermost cause's message: what a library's wrapped failure actually says. */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
