package oasis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oasis rollback [VERSION]}: back to a known-good revision, fast. */
@Command(
    name = "rollback",
    description = {
      "Return to the last healthy revision before the current one, or to release VERSION;",
      "only components whose artifact changes restart."
    })
final class RollbackCommand implements Callable<Integer>, JsonOutput {

  @Spec CommandSpec spec;
  @Mixin ReleaseMixin release;

  @Override
  public Integer call() {
    var outcome = Engines.deploy(spec, Engines.progress(spec)).rollback(release.request());
    Cli.printOutcome(spec, outcome);
    return ExitCodes.OK;
  }
}
