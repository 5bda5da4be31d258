package oasis.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The table of {@code oasis}'s commands. Registering a command is one line in {@link #ALL}: its
 * name, the one-line summary that {@code oasis --help} lists, and its class.
 *
 * <p>Why a table and not picocli's {@code subcommands = {...}}: picocli builds the model of every
 * listed class by reflection on each start (about half of the CLI's start-up). Here only the
 * command being run gets its model; the others are listed from this table.
 */
final class Commands {

  /** One top-level command: {@code summary} must match the first line of its own description. */
  record Entry(String name, String summary, Class<?> type) {}

  static final List<Entry> ALL =
      List.of(
          new Entry("build", "Build components into the artifact store.", BuildCommand.class),
          new Entry("preflight", "Run the pre-deploy checklist.", PreflightCommand.class),
          new Entry("version", "Print the current or the next version.", VersionCommand.class),
          new Entry(
              "release", "Tag the next version; write manifest, notes.", ReleaseCommand.class),
          new Entry("deploy", "Deploy a release or the working tree.", DeployCommand.class),
          new Entry("rollback", "Return to the last healthy revision.", RollbackCommand.class),
          new Entry("rollout", "Show or steer a canary or blue/green.", RolloutCommand.class),
          new Entry("smoke", "Check a running environment end to end.", SmokeCommand.class),
          new Entry("status", "Show what runs on an environment.", StatusCommand.class),
          new Entry("history", "List an environment's revisions.", HistoryCommand.class),
          new Entry("logs", "Print a component's log.", LogsCommand.class),
          new Entry("down", "Stop every process of an environment.", DownCommand.class),
          new Entry("config", "Validate or show oasis.yaml.", ConfigCommand.class),
          new Entry(
              "export", "Export an environment in another tool's format.", ExportCommand.class),
          new Entry(
              "shell", "Interactive console with completion and history.", ShellCommand.class),
          new Entry(
              "generate-completion",
              "Print a bash/zsh completion script.",
              GenerateCompletionCommand.class),
          new Entry("help", "Show help for a command: oasis help COMMAND.", HelpCommand.class));

  /** Root options that take a value: their value is not the command's name. */
  private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--project-dir", "--output");

  /** Commands that need every command's model (completion describes them all). */
  private static final Set<String> NEEDS_ALL = Set.of("generate-completion");

  private Commands() {}

  static Entry find(String name) {
    for (Entry e : ALL) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** Whether the first word of {@code args} that is not an option names no command. */
  static boolean namesUnknownCommand(String... args) {
    String first = firstWord(args);
    return first != null && find(first) == null;
  }

  /** The first word of {@code args} that is neither an option nor a root option's value. */
  static String firstWord(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (ROOT_OPTIONS_WITH_VALUE.contains(args[i])) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return null;
  }

  /**
   * The commands whose full model {@code args} need: the command named (and, after {@code help},
   * the one asked about); every command for completion.
   */
  static Set<String> wanted(String... args) {
    Set<String> names = new LinkedHashSet<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
        continue;
      }
      if (arg.startsWith("-")) {
        continue;
      }
      if (find(arg) == null) {
        break;
      }
      names.add(arg);
      if (NEEDS_ALL.contains(arg)) {
        ALL.forEach(e -> names.add(e.name()));
      }
      if (!"help".equals(arg) || help) {
        break;
      }
      help = true;
    }
    return names;
  }
}
