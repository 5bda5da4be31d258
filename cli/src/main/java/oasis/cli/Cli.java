package oasis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import oasis.config.Project;
import picocli.CommandLine.Model.CommandSpec;

/** What every command needs from the root: the global options, the project, JSON output. */
final class Cli {

  private Cli() {}

  static OasisCommand root(CommandSpec spec) {
    return (OasisCommand) spec.root().userObject();
  }

  /** Loads and validates {@code oasis.yaml} of the project directory. */
  static Project project(CommandSpec spec) {
    return ProjectPreload.load(root(spec).projectDir());
  }

  static boolean json(CommandSpec spec) {
    return root(spec).output() == OutputFormat.json;
  }

  /** A deploy engine's outcome: its message, or (--output json) the outcome as one document. */
  static void printOutcome(CommandSpec spec, oasis.deploy.Deployer.Outcome outcome) {
    if (json(spec)) {
      printJson(spec, outcome);
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(outcome.message());
    out.flush();
  }

  /** Writes one JSON document on stdout, and nothing else. */
  static void printJson(CommandSpec spec, Object value) {
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.println(Json.MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
    out.flush();
  }

  /** Made on first use only: Jackson stays off the path of commands that print text. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // named, not found: a service loader would open each of the CLI's hundred jars
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
  }
}
