package oasis.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import oasis.config.Project;
import oasis.release.CurrentVersion;
import oasis.release.GitRepo;
import oasis.release.NextVersion;
import oasis.release.VersionEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oasis version current|next}: the current and the next semantic version from git. */
@Command(
    name = "version",
    description = "Print the current or the next semantic version (from tags and commits).",
    subcommands = {VersionCommand.Current.class, VersionCommand.Next.class})
final class VersionCommand {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  @Command(
      name = "current",
      description = {
        "Print the release tag of highest SemVer precedence.",
        "No tag yet: prints '0.0.0 (no release yet)' (JSON: released=false).",
        "A shallow clone without tags exits 3: git fetch --tags --unshallow."
      })
  static final class Current implements Callable<Integer>, JsonOutput {
    @Spec CommandSpec spec;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help.")
    boolean help;

    @Override
    public Integer call() {
      Project project = Cli.project(spec);
      try (GitRepo repo = GitRepo.open(project.dir())) {
        CurrentVersion current = new VersionEngine(repo, project.config().release()).current();
        PrintWriter err = spec.commandLine().getErr();
        if (Cli.root(spec).verbose() && !current.ignoredTags().isEmpty()) {
          err.println("ignored tags (not semantic versions): " + current.ignoredTags());
        }
        if (current.shallow()) {
          err.println(
              "note: shallow clone: tags outside the fetched history may be missing ("
                  + "git fetch --tags --unshallow)");
        }
        err.flush();
        if (Cli.json(spec)) {
          Cli.printJson(spec, current);
        } else {
          PrintWriter out = spec.commandLine().getOut();
          out.println(current.released() ? current.version() : "0.0.0 (no release yet)");
          out.flush();
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "next",
      description = {
        "Print the next version, from the commits since the last stable release.",
        "Conventional Commits: a breaking change bumps major (minor while 0.x), feat",
        "minor, fix/perf/revert patch; a Release-As: x.y.z footer forces the version.",
        "Commits that are not conventional are counted on stderr, listed with --verbose",
        "(JSON: nonConventional). --version prints the CLI's own version, version current",
        "the project's latest release tag, version next the one a release would make."
      })
  static final class Next implements Callable<Integer>, JsonOutput {
    @Spec CommandSpec spec;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help.")
    boolean help;

    @Option(
        names = "--pre",
        paramLabel = "ID",
        description = "A prerelease: --pre rc gives 1.3.0-rc.1, then 1.3.0-rc.2.")
    String pre;

    @Override
    public Integer call() {
      Project project = Cli.project(spec);
      try (GitRepo repo = GitRepo.open(project.dir())) {
        NextVersion next = new VersionEngine(repo, project.config().release()).next(pre);
        report(spec, next);
        if (Cli.json(spec)) {
          Cli.printJson(spec, next);
        } else {
          PrintWriter out = spec.commandLine().getOut();
          out.println(next.next());
          out.flush();
        }
        return ExitCodes.OK;
      }
    }
  }

  /** Why the next version is what it is, on stderr; non-conventional commits always listed. */
  static void report(CommandSpec spec, NextVersion next) {
    PrintWriter err = spec.commandLine().getErr();
    String since = next.base() == null ? "the first commit" : next.base();
    err.printf(
        "%d commits since %s: %d conventional, %d not conventional, %d merges; bump %s%s%n",
        next.commits(),
        since,
        next.conventional(),
        next.nonConventional().size(),
        next.merges(),
        next.bump(),
        next.releaseAs() == null ? "" : "; Release-As " + next.releaseAs());
    if (!next.changed()) {
      err.println(
          "nothing calls for a release since " + since + " (next stays " + next.next() + ")");
    }
    if (Cli.root(spec).verbose()) {
      for (NextVersion.Skipped s : next.nonConventional()) {
        err.printf("  not conventional: %s %s%n", s.commit(), s.subject());
      }
    } else if (!next.nonConventional().isEmpty()) {
      err.printf(
          "  (%d not conventional: listed with --verbose%s)%n",
          next.nonConventional().size(), Cli.json(spec) ? ", and in nonConventional" : "");
    }
    err.flush();
  }
}
