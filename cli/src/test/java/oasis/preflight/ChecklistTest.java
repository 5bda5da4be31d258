package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import oasis.config.ConfigException;
import oasis.config.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistTest {

  @TempDir Path dir;

  private List<Problem> problems(String yaml) {
    Fixture fixture = Fixture.copyOfRepository(dir).write("checklists/predeploy.yaml", yaml);
    return ((ConfigException)
            assertThatThrownBy(
                    () ->
                        ChecklistLoader.load(
                            fixture.dir, fixture.path("checklists"), CheckRegistry.standard()))
                .isInstanceOf(ConfigException.class)
                .actual())
        .problems();
  }

  @Test
  void repositoryChecklistLoadsEveryCheck() {
    List<CheckSpec> specs =
        ChecklistLoader.load(
            Fixture.REPO, Fixture.REPO.resolve("checklists"), CheckRegistry.standard());
    assertThat(specs)
        .extracting(CheckSpec::type)
        .containsExactlyInAnyOrderElementsOf(CheckRegistry.standard().types().keySet());
  }

  @Test
  void unknownKeyNamesTheLine() {
    assertThat(
            problems(
                """
                checks:
                  - id: window
                    title: Window
                    severity: error
                    check: deploy-window
                    wiavers: []
                """))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(6);
              assertThat(p.message()).contains("unknown key 'wiavers'");
              assertThat(p.fix()).contains("waivers");
            });
  }

  @Test
  void unknownCheckTypeParameterSeverityAndDuplicateIdAreAllReported() {
    assertThat(
            problems(
                """
                checks:
                  - {id: a, title: A, severity: error, check: no-such-check}
                  - id: b
                    title: B
                    severity: error
                    check: production-safety
                    with: {minReplica: 3}
                  - {id: c, title: C, severity: error, check: deploy-window}
                  - {id: c, title: C again, severity: error, check: deploy-window}
                  - {id: d, title: D, severity: error, check: deploy-window, waivers: [{reason: r, expires: soon}]}
                """))
        .extracting(Problem::line, Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                2, "check 'a' names unknown check type 'no-such-check'"),
            org.assertj.core.groups.Tuple.tuple(
                7, "check type 'production-safety' has no parameter 'minReplica'"),
            org.assertj.core.groups.Tuple.tuple(
                9, "check id 'c' is already declared at checklists/predeploy.yaml:8"),
            org.assertj.core.groups.Tuple.tuple(10, "waiver expiry 'soon' is not a date"));
  }

  @Test
  void badSeverityNamesItsLine() {
    assertThat(
            problems(
                "checks:\n  - id: a\n    title: A\n    severity: fatal\n    check: deploy-window\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.line()).isEqualTo(4))
        .satisfies(p -> assertThat(p.message()).contains("severity must be 'error' or 'warning'"));
  }

  private static CheckSpec spec(Severity severity, List<Waiver> waivers) {
    return new CheckSpec(
        "x", "X", severity, "t", c -> null, waivers, Path.of("/p/checklists/a.yaml"), 3);
  }

  private static final CheckResult FAILED =
      CheckResult.of(List.of(Finding.fail(Path.of("f"), 1, "broken", "fix it")), "");

  @Test
  void warningSeverityTurnsAFailureIntoAWarning() {
    CheckOutcome o =
        PreflightRunner.outcome(
            spec(Severity.WARNING, List.of()), FAILED, LocalDate.of(2026, 1, 1), 0);
    assertThat(o.status()).isEqualTo(Status.WARN);
    assertThat(new PreflightReport("s", null, false, List.of(o)).failed()).isFalse();
    assertThat(new PreflightReport("s", null, true, List.of(o)).failed()).as("--strict").isTrue();
  }

  @Test
  void activeWaiverSkipsAndExpiredWaiverSaysItNoLongerApplies() {
    Waiver waiver = new Waiver("vendor fix pending", LocalDate.of(2026, 6, 30), 7);
    CheckOutcome active =
        PreflightRunner.outcome(
            spec(Severity.ERROR, List.of(waiver)), FAILED, LocalDate.of(2026, 6, 30), 0);
    assertThat(active.status()).isEqualTo(Status.SKIP);
    assertThat(active.waiver()).isEqualTo("waived until 2026-06-30: vendor fix pending");

    CheckOutcome expired =
        PreflightRunner.outcome(
            spec(Severity.ERROR, List.of(waiver)), FAILED, LocalDate.of(2026, 7, 1), 0);
    assertThat(expired.status()).isEqualTo(Status.FAIL);
    assertThat(expired.waiver())
        .contains("waiver expired on 2026-06-30 and no longer applies", "a.yaml:7");
  }
}
