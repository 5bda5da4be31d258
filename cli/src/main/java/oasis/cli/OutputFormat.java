package oasis.cli;

/** Output format of the global {@code --output} option. */
public enum OutputFormat {
  text,
  json
}
