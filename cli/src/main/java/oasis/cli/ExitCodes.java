package oasis.cli;

/** Exit codes of the {@code oasis} command, as {@code CLI.md} defines them. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int CONFLICT = 3;
  public static final int INTERNAL = 4;

  private ExitCodes() {}
}
