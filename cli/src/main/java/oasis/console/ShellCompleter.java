package oasis.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import oasis.config.Project;
import oasis.deploy.Deployer;
import oasis.state.LedgerStore;
import oasis.state.Revision;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * Completion in {@code oasis shell}: subcommands and options from picocli's model, and the values
 * only the project knows: environment names after {@code --env}, component names for {@code logs},
 * versions (release manifests, i.e. the release tags, and the ledgers) for {@code deploy} and
 * {@code rollback}, the actions of {@code rollout}.
 */
final class ShellCompleter implements Completer {

  private static final List<String> ROLLOUT_ACTIONS =
      List.of("status", "promote", "abort", "pause", "resume", "report");

  private final Supplier<CommandSpec> root;
  private final Supplier<Project> project;
  private Completer picocli;

  /**
   * @param root the whole command tree with every command's options (not the start-up tree, whose
   *     other commands are names only): built at the first completion that needs it
   */
  ShellCompleter(Supplier<CommandSpec> root, Supplier<Project> project) {
    this.root = root;
    this.project = project;
  }

  private synchronized Completer picocli() {
    if (picocli == null) {
      picocli = new PicocliJLineCompleter(root.get());
    }
    return picocli;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int at = line.wordIndex();
    String previous = at > 0 ? words.get(at - 1) : "";
    String verb = words.isEmpty() ? "" : words.get(0);
    boolean value = !line.word().startsWith("-");
    if ("--env".equals(previous)) {
      add(candidates, environments(), "environment");
      return;
    }
    if (value && at == 1 && "logs".equals(verb)) {
      add(candidates, components(), "component");
      return;
    }
    if (value && at == 1 && ("deploy".equals(verb) || "rollback".equals(verb))) {
      add(candidates, versions(), "version");
      return;
    }
    if (value && at == 1 && "rollout".equals(verb)) {
      add(candidates, ROLLOUT_ACTIONS, "action");
      return;
    }
    picocli().complete(reader, line, candidates);
  }

  private static void add(List<Candidate> candidates, Iterable<String> values, String group) {
    for (String v : values) {
      candidates.add(new Candidate(v, v, group, null, null, null, true));
    }
  }

  private Set<String> environments() {
    Project p = loaded();
    return p == null ? Set.of() : new TreeSet<>(p.config().environments().keySet());
  }

  private Set<String> components() {
    Project p = loaded();
    Set<String> out = new TreeSet<>();
    if (p != null) {
      out.addAll(p.config().components().keySet());
      out.addAll(p.config().infrastructure().keySet());
    }
    return out;
  }

  /** Released versions (one manifest per release tag) and every version a ledger kept. */
  private Set<String> versions() {
    Project p = loaded();
    Set<String> out = new TreeSet<>();
    if (p == null) {
      return out;
    }
    Path releases = p.dir().resolve("releases");
    if (Files.isDirectory(releases)) {
      try (Stream<Path> files = Files.list(releases)) {
        files
            .map(f -> f.getFileName().toString())
            .filter(n -> n.matches("v\\d+\\.\\d+\\.\\d+.*\\.yaml"))
            .forEach(n -> out.add(n.substring(1, n.length() - ".yaml".length())));
      } catch (IOException e) {
        // completion offers what it can read; the command itself reports the problem
      }
    }
    for (String env : p.config().environments().keySet()) {
      new LedgerStore(Deployer.envDir(p, env), env)
          .load().revisions().stream().map(Revision::version).forEach(out::add);
    }
    return out;
  }

  private Project loaded() {
    try {
      return project.get();
    } catch (RuntimeException invalid) {
      return null; // a broken oasis.yaml: no values to offer; the command says what is wrong
    }
  }
}
