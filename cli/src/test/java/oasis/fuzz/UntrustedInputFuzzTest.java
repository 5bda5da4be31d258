package oasis.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import oasis.config.EnvFile;
import oasis.config.ProjectLoader;
import oasis.core.OasisException;
import oasis.preflight.CheckRegistry;
import oasis.preflight.ChecklistLoader;

/**
 * What oasis reads from files people write ({@code .env}, {@code oasis.yaml}, checklists) either
 * loads or fails as bad input (exit 2) naming where: never another exception, which the CLI would
 * report as an internal error (exit 4). The build runs each on the inputs committed under {@code
 * src/test/resources/oasis/fuzz/UntrustedInputFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes one
 * (see README, "Fuzzing").
 */
class UntrustedInputFuzzTest {

  private static final Path DIR = tempDir();

  @FuzzTest(maxDuration = "5m")
  void envFile(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      EnvFile.parse(text.lines().toList(), "staging.env");
    } catch (OasisException e) {
      assertBadInput(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void projectFile(byte[] input) throws IOException {
    Files.write(DIR.resolve(ProjectLoader.FILE_NAME), input);
    try {
      ProjectLoader.load(DIR);
    } catch (OasisException e) {
      assertBadInput(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void checklist(byte[] input) throws IOException {
    Path checklists = Files.createDirectories(DIR.resolve("checklists"));
    Files.write(checklists.resolve("predeploy.yaml"), input);
    try {
      ChecklistLoader.load(DIR, checklists, CheckRegistry.standard());
    } catch (OasisException e) {
      assertBadInput(e);
    }
  }

  private static void assertBadInput(OasisException e) {
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(OasisException.Kind.BAD_INPUT);
    assertThat(e.getMessage()).as("an error names what was wrong").isNotBlank();
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("oasis-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
