package oasis.preflight;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs checklist items in order and applies severity and waivers to what each check found. */
public final class PreflightRunner {

  private PreflightRunner() {}

  public static PreflightReport run(
      List<CheckSpec> specs, CheckContext context, String release, boolean strict) {
    List<CheckOutcome> outcomes = new ArrayList<>();
    LocalDate today = LocalDate.now(context.clock());
    for (CheckSpec spec : specs) {
      long start = System.nanoTime();
      CheckResult result;
      try {
        result = spec.check().run(context);
      } catch (UncheckedIOException e) {
        result =
            new CheckResult(
                Status.FAIL,
                "could not run: " + e.getMessage() + " (" + e.getCause().getMessage() + ")",
                List.of());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      outcomes.add(outcome(spec, result, today, millis));
    }
    return new PreflightReport(context.environment(), release, strict, outcomes);
  }

  static CheckOutcome outcome(CheckSpec spec, CheckResult result, LocalDate today, long millis) {
    Status status = result.status();
    if (status == Status.FAIL && spec.severity() == Severity.WARNING) {
      status = Status.WARN;
    }
    String waiverNote = null;
    if (status == Status.FAIL || status == Status.WARN) {
      Optional<Waiver> active = spec.waivers().stream().filter(w -> w.activeOn(today)).findFirst();
      if (active.isPresent()) {
        Waiver w = active.get();
        waiverNote = "waived until " + w.expires() + ": " + w.reason();
        status = Status.SKIP;
      } else if (!spec.waivers().isEmpty()) {
        Waiver w = spec.waivers().get(spec.waivers().size() - 1);
        waiverNote =
            "waiver expired on "
                + w.expires()
                + " and no longer applies ("
                + w.reason()
                + "); renew it at "
                + spec.file().getFileName()
                + ":"
                + w.line()
                + " or fix the check";
      }
    }
    return new CheckOutcome(spec, status, result.message(), result.findings(), waiverNote, millis);
  }
}
