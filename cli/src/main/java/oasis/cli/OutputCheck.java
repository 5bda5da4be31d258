package oasis.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs the command line as picocli would, after refusing {@code --output json} for a command that
 * prints only text: a script asking for JSON must never get text with exit 0.
 */
final class OutputCheck implements IExecutionStrategy {

  @Override
  public int execute(ParseResult parsed) {
    ParseResult leaf = parsed;
    boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
      help |= leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested();
    }
    Object command = leaf.commandSpec().userObject();
    Object root = parsed.commandSpec().userObject();
    if (!help
        && leaf != parsed
        && root instanceof OasisCommand oasis
        && oasis.output() == OutputFormat.json
        && !(command instanceof JsonOutput)) {
      throw new ParameterException(
          leaf.commandSpec().commandLine(),
          "'"
              + leaf.commandSpec().qualifiedName()
              + "' has no JSON output: --output json is refused rather than ignored");
    }
    return new CommandLine.RunLast().execute(parsed);
  }
}
