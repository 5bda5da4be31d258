package oasis.strategy;

/** What became of one control command. */
public enum CommandResult {
  /** The command changed (or confirmed) the state. */
  APPLIED,
  /** The command names a strategy that is not loaded. */
  UNKNOWN_STRATEGY,
  /** The command is malformed (no body, unknown type, bad parameters); nothing changed. */
  INVALID,
  /** The command is for other services (the kill switch: risk engine and order manager). */
  NOT_MINE
}
