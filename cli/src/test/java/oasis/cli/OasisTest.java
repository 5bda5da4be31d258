package oasis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OasisTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Oasis.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void versionPrintsSemanticVersionAndCommit() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .matches("(?s)oasis \\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)? \\(commit \\S+?(, dirty)?\\)\\s*");
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "config", "preflight", "version", "release", "generate-completion", "Exit codes:");
  }

  @Test
  void theRootsHelpListsEveryCommandWithoutBuildingAParserForAny() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    // what 'oasis --help' builds: no command's model, no command's parser
    picocli.CommandLine root =
        Oasis.commandLine(out, out, picocli.CommandLine.Help.Ansi.OFF, Commands.wanted("--help"));
    assertThat(root.getSubcommands()).isEmpty();
    root.usage(out);
    out.flush();
    // the same usage as the whole tree's, where every command is registered
    StringWriter whole = new StringWriter();
    PrintWriter all = new PrintWriter(whole);
    Oasis.commandLine(all, all, picocli.CommandLine.Help.Ansi.OFF).usage(all);
    all.flush();
    assertThat(text.toString())
        .isEqualTo(whole.toString())
        .contains("[COMMAND]")
        .contains("  generate-completion  Print a bash/zsh completion script.");
  }

  @Test
  void aWordThatIsNoCommandIsAnsweredWithTheNearestCommands() {
    Result r = run("statuz");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Did you mean: status");
  }

  @Test
  void everyCommandAnswersHelp() {
    java.util.List<String> failing = new java.util.ArrayList<>();
    java.io.PrintWriter sink = new java.io.PrintWriter(new StringWriter());
    helpOfEvery(Oasis.commandLine(sink, sink, picocli.CommandLine.Help.Ansi.OFF), failing);
    assertThat(failing).as("commands whose --help does not exit 0").isEmpty();
  }

  private static void helpOfEvery(picocli.CommandLine cmd, java.util.List<String> failing) {
    String[] path = cmd.getCommandSpec().qualifiedName(" ").split(" ");
    String[] args =
        java.util.Arrays.copyOf(java.util.Arrays.copyOfRange(path, 1, path.length), path.length);
    args[path.length - 1] = "--help";
    Result r = run(args);
    if (r.code() != 0 || !r.out().contains("Usage: " + String.join(" ", path))) {
      failing.add(String.join(" ", path) + " -> " + r.code() + " " + r.err().strip());
    }
    cmd.getSubcommands().values().forEach(sub -> helpOfEvery(sub, failing));
  }

  @Test
  void unknownFlagExitsTwoWithOneLineHint() {
    Result r = run("--bogus");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .startsWith("oasis: Unknown option: '--bogus'")
        .contains("See 'oasis --help'.");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownCommandSuggestsTheNearestOne() {
    Result r = run("confg");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("Did you mean: config");
  }

  @Test
  void badOutputFormatIsBadInput() {
    assertThat(run("--output", "yaml", "config", "show").code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void completionScriptNamesTheCommands() {
    Result r = run("generate-completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F", "generate-completion", "config");
  }

  @Test
  void brokenProjectFileExitsTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("oasis.yaml"),
        """
        defaultEnvironment: staging
        components:
          a:
            module: m
            mainClass: A
            prots: {grpc: 1}
        environments:
          staging: {target: local}
        """);
    Result r = run("--project-dir", dir.toString(), "config", "validate");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("oasis.yaml:6:", "unknown key 'prots'", "ports");
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void missingProjectFileIsBadInputWithAHint(@TempDir Path dir) {
    Result r = run("--project-dir", dir.toString(), "config", "show");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("no oasis.yaml in", "--project-dir");
  }

  @Test
  void configShowAsJsonIsOneDocument() {
    Result r = run("--project-dir", Path.of("..").toString(), "--output", "json", "config", "show");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).startsWith("{").endsWith("}").contains("\"order-manager\"");
  }
}
