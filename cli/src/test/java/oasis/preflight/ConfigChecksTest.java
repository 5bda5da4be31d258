package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigChecksTest {

  // Assembled, so that this source file itself holds no secret-looking assignment.
  private static final String SECRET_VAR = "COINBASE_API_" + "SECRET";

  @TempDir Path dir;
  Fixture fixture;

  @BeforeEach
  void copy() {
    fixture = Fixture.copyOfRepository(dir);
  }

  @Test
  void repositoryVariablesAreDeclaredAndValid() {
    CheckOutcome o = fixture.runOnly("config-variables");
    assertThat(o.status()).as(o.findings().toString()).isEqualTo(Status.PASS);
    assertThat(fixture.runOnly("no-literal-secrets").status()).isEqualTo(Status.PASS);
  }

  @Test
  void plaintextSecretInACommittedFileFailsNamingFileLineAndFix() {
    String example = fixture.read("environments/staging.env.example");
    fixture.write("environments/staging.env.example", example + SECRET_VAR + "=hunter2-literal\n");
    int line = (int) example.lines().count() + 1;

    CheckOutcome o = fixture.runOnly("no-literal-secrets");

    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of("environments/staging.env.example"));
              assertThat(f.line()).isEqualTo(line);
              assertThat(f.message()).isEqualTo(SECRET_VAR + " holds a literal secret");
              assertThat(f.fix()).contains("rotate", "vault:");
            });
  }

  @Test
  void secretReferencesAndYamlAssignmentsAreTold() {
    fixture.write(
        "deploy/values.yaml",
        SECRET_VAR
            + ": ${env:"
            + SECRET_VAR
            + "}\n"
            + "other: {"
            + SECRET_VAR
            + ": file:/run/secrets/coinbase}\n"
            // an age-encrypted file in git is a reference too (oasis resolves age:PATH#KEY)
            + SECRET_VAR
            + ": age:environments/coinbase.env.age#key\n"
            + "  "
            + SECRET_VAR
            + ": \"s3cr3t\"\n");
    CheckOutcome o = fixture.runOnly("no-literal-secrets");
    assertThat(o.findings()).extracting(Finding::line).containsExactly(4);
  }

  @Test
  void variableMissingFromTheExamplesOrUnknownToTheSchemaFails() {
    fixture.replace("environments/staging.env.example", "# SYMBOL=BTC-USD\n", "SYMBLO=BTC-USD\n");
    CheckOutcome o = fixture.runOnly("config-variables");
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .extracting(Finding::describe)
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith("environments/variables.yaml:")
                    .contains("SYMBOL is read by the services but declared in no *.env.example"))
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith("environments/staging.env.example:")
                    .contains("SYMBLO is not a variable any service reads"));
  }

  @Test
  void environmentFileMustSetRequiredVariablesToValidValues() {
    fixture.replace(
        "environments/variables.yaml",
        "{name: SYMBOL, services: [strategy-framework],",
        "{name: SYMBOL, required: true, services: [strategy-framework],");
    fixture.write("environments/staging.env", "ORDER_MANAGER_MODE=yolo\n");

    CheckOutcome o = fixture.runOnly("config-variables");

    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .extracting(Finding::describe)
        .containsExactlyInAnyOrder(
            "environments/staging.env:1: ORDER_MANAGER_MODE=yolo is not one of paper, real; fix: set a valid value",
            "environments/staging.env: required variable SYMBOL is not set for staging; fix: add 'SYMBOL=<value>'"
                + " (declared at environments/variables.yaml:"
                + lineOf("name: SYMBOL,")
                + ")");
  }

  @Test
  void projectFileVariablesAreCheckedToo() {
    fixture.replace("oasis.yaml", "ORDER_MANAGER_MODE: paper", "ORDER_MANAGER_MODE: papr");
    CheckOutcome o = fixture.runOnly("config-variables");
    assertThat(o.findings())
        .extracting(Finding::describe)
        .singleElement()
        .asString()
        .startsWith(
            "oasis.yaml:"
                + (fixture
                        .read("oasis.yaml")
                        .lines()
                        .toList()
                        .indexOf("      ORDER_MANAGER_MODE: papr")
                    + 1)
                + ": ORDER_MANAGER_MODE=papr is not one of paper, real");
  }

  @Test
  void variablesInNotesSkipsWithoutARelease() {
    CheckOutcome o = fixture.runOnly("variables-in-release-notes");
    assertThat(o.status()).isEqualTo(Status.SKIP);
    assertThat(o.message()).contains("no release yet");
  }

  private int lineOf(String text) {
    List<String> lines = fixture.read("environments/variables.yaml").lines().toList();
    return lines.indexOf(lines.stream().filter(l -> l.contains(text)).findFirst().orElseThrow())
        + 1;
  }
}
