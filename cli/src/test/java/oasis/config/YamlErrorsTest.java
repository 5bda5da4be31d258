package oasis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.core.OasisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML errors read like the unknown-key ones: {@code oasis.yaml:LINE: what; fix: how}. */
class YamlErrorsTest {

  @TempDir Path dir;

  private String error(String yaml) throws Exception {
    Files.writeString(dir.resolve("oasis.yaml"), yaml);
    OasisException e;
    try {
      ProjectLoader.load(dir);
      throw new AssertionError("loaded");
    } catch (OasisException ex) {
      e = ex;
    }
    assertThat(e.kind()).isEqualTo(OasisException.Kind.BAD_INPUT);
    String text = e.getMessage() + " " + e.hint();
    assertThat(text).doesNotContain("java.lang", "Cannot deserialize", "[Source", "jackson");
    return text;
  }

  @Test
  void aWrongTypeSaysWhatIsExpectedWithoutParserInternals() throws Exception {
    String text =
        error(
            """
            defaultEnvironment: staging
            components:
              a:
                module: m
                mainClass: A
                ports: {grpc: ninety}
            environments:
              staging: {target: local}
            """);
    assertThat(text)
        .contains("oasis.yaml:6:", "components.a.ports.grpc", "'ninety' is not a whole number")
        .contains("fix: write a number");
  }

  @Test
  void aKeyWithoutItsColonIsReportedOnItsOwnLine() throws Exception {
    String text =
        error(
            """
            defaultEnvironment: staging
            components:
              a:
                module m
                mainClass: A
            environments:
              staging: {target: local}
            """);
    assertThat(text).contains("oasis.yaml:4:", "'module m' has no ':'", "fix: write 'key: value'");
  }

  @Test
  void anUnclosedQuoteIsReportedWhereItOpensWithAFix() throws Exception {
    String text =
        error(
            """
            defaultEnvironment: staging
            components:
              a:
                module: m
                mainClass: "A
            environments:
              staging: {target: local}
            """);
    assertThat(text).contains("oasis.yaml:5:", "not valid YAML", "fix:");
  }
}
