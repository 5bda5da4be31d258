package oasis.console;

import java.io.PrintWriter;
import oasis.artifact.Builder;
import oasis.core.Durations;
import oasis.workflow.BuildWorkflow;

/** {@code oasis build}'s text output: the build, each artifact, each image and what was pruned. */
public final class BuildSummary {

  private BuildSummary() {}

  public static void print(PrintWriter out, BuildWorkflow.Result result) {
    var record = result.build();
    out.printf(
        "built %s (commit %s%s)%n",
        record.version(), shortCommit(record.commit()), record.dirty() ? ", dirty" : "");
    record.artifacts().forEach((n, d) -> out.printf("  %-20s %s%n", n, Builder.shortDigest(d)));
    result
        .images()
        .forEach(
            (n, r) ->
                out.printf(
                    "  image %-14s %s %s%n",
                    n,
                    r.ref(),
                    r.built() ? "built in " + Durations.seconds(r.took()) : "up to date"));
    result
        .pushed()
        .forEach(
            (n, p) ->
                out.printf(
                    "  pushed %-13s %s%s%n", n, p.ref(), p.pushed() ? "" : " (pushed before)"));
    if (!result.pruned().removed().isEmpty()) {
      out.printf(
          "  removed %d older image(s) of this project: %s%n",
          result.pruned().removed().size(), String.join(", ", result.pruned().removed()));
    }
    out.flush();
  }

  private static String shortCommit(String c) {
    return c.length() > 7 ? c.substring(0, 7) : c;
  }
}
