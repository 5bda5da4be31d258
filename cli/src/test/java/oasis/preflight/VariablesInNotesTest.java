package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variables added since the previous release must be in the notes; the schema is read at tags. */
class VariablesInNotesTest {

  @TempDir Path dir;
  Fixture fixture;

  private void git(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  @BeforeEach
  void releaseOneZero() throws Exception {
    fixture = Fixture.copyOfRepository(dir);
    fixture.write("releases/v1.0.0.yaml", "version: 1.0.0\nrollback: {steps: [none]}\n");
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "1.0.0");
    git("tag", "v1.0.0");
    fixture.replace(
        "environments/variables.yaml",
        "  - {name: SYMBOL,",
        "  - {name: STRATEGY_MAX_SIGNALS, services: [strategy-framework], pattern: '\\d+', default: '10'}\n  - {name: SYMBOL,");
    fixture.replace(
        "environments/staging.env.example",
        "# SYMBOL=BTC-USD",
        "# SYMBOL=BTC-USD\n# STRATEGY_MAX_SIGNALS=10");
    fixture.write("releases/v1.1.0.yaml", "version: 1.1.0\nrollback: {to: 1.0.0}\n");
  }

  @Test
  void addedVariableMissingFromTheNotesFails() throws Exception {
    fixture.write("releases/v1.1.0.md", "# 1.1.0\n\nFaster strategies.\n");
    CheckOutcome o =
        fixture.runOnly("variables-in-release-notes", null, "1.1.0", Fixture.MONDAY_MORNING);
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .extracting(Finding::describe)
        .containsExactly(
            "releases/v1.1.0.md: STRATEGY_MAX_SIGNALS was added since v1.0.0 but the release notes do not mention it;"
                + " fix: describe STRATEGY_MAX_SIGNALS (what it does, its default) in the notes' upgrade section");
  }

  @Test
  void addedVariableInTheNotesPasses() {
    fixture.write(
        "releases/v1.1.0.md",
        "# 1.1.0\n\n## Upgrade\n- STRATEGY_MAX_SIGNALS (default 10) caps signals.\n");
    CheckOutcome o =
        fixture.runOnly("variables-in-release-notes", null, "1.1.0", Fixture.MONDAY_MORNING);
    assertThat(o.status()).as(o.message()).isEqualTo(Status.PASS);
    assertThat(o.message()).contains("STRATEGY_MAX_SIGNALS");
  }
}
