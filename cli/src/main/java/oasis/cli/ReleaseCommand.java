package oasis.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import oasis.config.Project;
import oasis.release.GitRepo;
import oasis.release.LocalArtifactDigests;
import oasis.release.ReleasePlan;
import oasis.release.Releaser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oasis release}: tag a version and write its manifest and notes under releases/. */
@Command(
    name = "release",
    description = {
      "Tag the next version and write its manifest and notes under releases/.",
      "Writes releases/vX.Y.Z.yaml (commit, artifact digests, upgrade notes,",
      "rollback plan) and releases/vX.Y.Z.md (templates/release-notes.md.mustache),",
      "commits them and creates the annotated tag vX.Y.Z (signed when git config",
      "names a signing key). Refuses a dirty tree, an existing version or missing",
      "artifacts (exit 3), and a version not above every release tag (exit 2).",
      "--dry-run runs the same checks and exits as the release would."
    })
final class ReleaseCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  @Option(
      names = "--version",
      paramLabel = "X.Y.Z",
      description = "Release this version instead of the computed next one (v prefix accepted).")
  String version;

  @Option(
      names = "--pre",
      paramLabel = "ID",
      description = "A prerelease: --pre rc gives X.Y.Z-rc.N, N one above the last rc tagged.")
  String pre;

  @Option(
      names = "--dry-run",
      description = "Print what would be done (with --output json: one document); change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Project project = Cli.project(spec);
    try (GitRepo repo = GitRepo.open(project.dir())) {
      Releaser releaser =
          new Releaser(project, repo, new LocalArtifactDigests(project.dir()), Clock.systemUTC());
      ReleasePlan plan = releaser.plan(version, pre, dryRun);
      Releaser.check(plan);
      if (!dryRun) {
        releaser.release(plan);
      }
      if (Cli.json(spec)) {
        Cli.printJson(spec, plan);
      } else {
        print(plan);
      }
      return ExitCodes.OK;
    }
  }

  private void print(ReleasePlan plan) {
    PrintWriter out = spec.commandLine().getOut();
    String verb = plan.dryRun() ? "Would release " : "Released ";
    out.printf(
        "%s%s from commit %s (bump %s%s)%n",
        verb,
        plan.tag(),
        plan.commit().substring(0, 7),
        plan.bump(),
        plan.previous() == null ? ", first release" : " since v" + plan.previous());
    String prefix = plan.dryRun() ? "  would " : "  ";
    plan.files().forEach(f -> out.println(prefix + (plan.dryRun() ? "write " : "wrote ") + f));
    out.println(
        prefix
            + (plan.dryRun() ? "commit " : "committed ")
            + "\""
            + plan.commitMessage().lines().findFirst().orElse("")
            + "\"");
    out.println(
        prefix
            + (plan.dryRun() ? "tag " : "tagged ")
            + plan.tag()
            + " (annotated, "
            + (plan.signed() ? "signed" : "unsigned")
            + ")");
    out.println("Artifacts:");
    plan.manifest().artifacts().forEach((name, a) -> out.printf("  %-20s %s%n", name, a.digest()));
    if (plan.manifest().protoDescriptorDigest() != null) {
      out.printf("  %-20s %s%n", "proto", plan.manifest().protoDescriptorDigest());
    }
    plan.missingArtifacts()
        .forEach(name -> out.printf("  %-20s missing: run oasis build first%n", name));
    if (!plan.nonConventional().isEmpty()) {
      out.printf(
          "Not conventional (listed in the notes): %d commit(s)%n", plan.nonConventional().size());
    }
    if (plan.dryRun()) {
      out.println();
      out.print(plan.notes());
    } else {
      out.println("Publish it: git push origin HEAD " + plan.tag());
    }
    out.flush();
  }
}
