package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import oasis.cli.OasisTest.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Walks every command and option that {@code --help} lists: each works or is refused (exit 2), none
 * is accepted and ignored; {@code --output json} gives one JSON document or exit 2.
 */
class CliContractTest {

  @TempDir Path dir;

  @BeforeEach
  void project() throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          alpha: {module: services/alpha, mainClass: a.Main, ports: {grpc: 1}}
        environments:
          staging: {target: local}
        """);
  }

  private Result oasis(String... args) {
    List<String> all = new ArrayList<>(List.of("--project-dir", dir.toString()));
    all.addAll(Arrays.asList(args));
    return OasisTest.run(all.toArray(String[]::new));
  }

  private static CommandLine tree() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return Oasis.commandLine(sink, sink, CommandLine.Help.Ansi.OFF);
  }

  /** Every command of the tree below the root, depth first: {@code [version, current]}... */
  private static List<List<String>> commands(CommandLine cmd, List<String> path) {
    List<List<String>> all = new ArrayList<>();
    cmd.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> p = new ArrayList<>(path);
              p.add(name);
              all.add(p);
              all.addAll(commands(sub, p));
            });
    return all;
  }

  private static CommandSpec spec(CommandLine root, List<String> path) {
    CommandLine cmd = root;
    for (String name : path) {
      cmd = cmd.getSubcommands().get(name);
    }
    return cmd.getCommandSpec();
  }

  @Test
  void everyListedOptionIsBoundToWhatTheCommandReadsAndHelpAndVersionAnswer() {
    CommandLine root = tree();
    List<String> problems = new ArrayList<>();
    for (List<String> path : commands(root, List.of())) {
      CommandSpec spec = spec(root, path);
      for (OptionSpec option : spec.options()) {
        if (option.versionHelp()) {
          problems.add(path + " lists " + option.longestName() + ", which only the root honours");
        }
        if (option.usageHelp()) {
          List<String> args = new ArrayList<>(path);
          args.add(option.longestName());
          Result r = OasisTest.run(args.toArray(String[]::new));
          if (r.code() != 0 || !r.out().contains("Usage: oasis " + String.join(" ", path))) {
            problems.add(path + " " + option.longestName() + " -> " + r.code());
          }
          continue;
        }
        if (String.join(" ", option.description()).isBlank()) {
          problems.add(path + " " + option.longestName() + " has no description in --help");
        }
      }
      if (path.size() == 1) {
        List<String> v = new ArrayList<>(path);
        v.add("-V");
        Result r = OasisTest.run(v.toArray(String[]::new));
        if (r.code() != ExitCodes.BAD_INPUT) {
          problems.add(path + " -V -> exit " + r.code() + ", not refused");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void outputJsonIsOneDocumentOrRefusedOnEveryCommand() throws Exception {
    CommandLine root = tree();
    ObjectMapper json = new ObjectMapper();
    // Commands cheap enough to run here; the others are run with an input they refuse, so the
    // contract (JSON on stdout, or exit 2 and nothing on stdout) holds for them too.
    Map<String, List<String>> cheap =
        Map.of(
            "config validate", List.of(),
            "config show", List.of(),
            "status", List.of(),
            "history", List.of(),
            "down", List.of(),
            "rollout", List.of("status"));
    Map<String, List<String>> refused =
        Map.of(
            "build", List.of("--keep-images", "-1"),
            "deploy", List.of("9.9.9"),
            "rollback", List.of("--timeout", "0s"),
            "preflight", List.of("--format", "text"),
            "release", List.of("--version", "not-a-version"),
            "version current", List.of("--project-dir", dir.resolve("nowhere").toString()),
            "version next", List.of("--pre", "0"));
    List<String> problems = new ArrayList<>();
    for (List<String> path : commands(root, List.of())) {
      CommandSpec spec = spec(root, path);
      if (!spec.subcommands().isEmpty() || path.get(0).equals("help")) {
        continue;
      }
      String name = String.join(" ", path);
      List<String> args = new ArrayList<>(List.of("--output", "json"));
      args.addAll(path);
      args.addAll(cheap.getOrDefault(name, refused.getOrDefault(name, List.of())));
      Result r = oasis(args.toArray(String[]::new));
      boolean jsonCommand = spec.userObject() instanceof JsonOutput;
      if (r.code() == ExitCodes.BAD_INPUT) {
        if (!r.out().isEmpty()) {
          problems.add(name + ": exit 2 but stdout " + r.out());
        }
        if (cheap.containsKey(name)) {
          problems.add(name + ": refused, but it has JSON output: " + r.err());
        }
        continue;
      }
      if (!jsonCommand) {
        problems.add(name + ": exit " + r.code() + " with --output json and no JSON output");
        continue;
      }
      try {
        json.readTree(r.out());
      } catch (Exception e) {
        problems.add(name + ": exit " + r.code() + ", stdout is not JSON: " + r.out());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void bareOasisPrintsUsageAndHelpCommandExplainsACommand() {
    Result bare = OasisTest.run();
    assertThat(bare.code()).isZero();
    assertThat(bare.out()).contains("Usage: oasis", "deploy", "help");
    Result help = OasisTest.run("help", "deploy");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: oasis deploy", "--dry-run");
  }

  @Test
  void aPositionalWhereAnOptionWasMeantSuggestsIt() {
    Result r = oasis("status", "staging");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("Did you mean: --env staging?");
  }

  @Test
  void badNumbersAndDurationsAreBadInputNeverInternal() {
    for (String[] args :
        List.of(
            new String[] {"logs", "alpha", "-n", "-5"},
            new String[] {"logs", "alpha", "-n", "many"},
            new String[] {"rollout", "status", "--timeout", "soon"},
            new String[] {"deploy", "--timeout", "0s"},
            new String[] {"rollback", "--timeout", "-1s"},
            new String[] {"build", "--keep-images", "-2"})) {
      Result r = oasis(args);
      assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).doesNotContain("internal error", "Exception");
    }
    assertThat(oasis("deploy", "--timeout", "0s").err()).contains("must be > 0");
  }

  @Test
  void logsOfAnUnknownComponentSaysSoAndNamesTheKnownOnes() {
    Result r = oasis("logs", "nosuch");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown component 'nosuch'", "alpha");
  }

  @Test
  void emptyEnvironmentSaysWhatToDoNext() {
    assertThat(oasis("status").out()).contains("nothing deployed yet; try 'oasis deploy --env");
    assertThat(oasis("history").out()).contains("no revisions on staging yet");
  }

  @Test
  void everyTopLevelCommandIsInTheTableOnce() {
    List<String> table = Commands.ALL.stream().map(Commands.Entry::name).toList();
    assertThat(table).doesNotHaveDuplicates();
    assertThat(new ArrayList<>(tree().getSubcommands().keySet())).isEqualTo(table);
  }
}
