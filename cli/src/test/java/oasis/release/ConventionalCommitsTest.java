package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConventionalCommitsTest {

  private static ConventionalCommit parse(String message) {
    Optional<ConventionalCommit> parsed = ConventionalCommits.parse(message);
    assertThat(parsed).as("'%s' is conventional", message).isPresent();
    return parsed.get();
  }

  @Test
  void headerWithTypeScopeAndDescription() {
    ConventionalCommit c = parse("feat(order-manager): idempotent submit on client_order_id");
    assertThat(c.type()).isEqualTo("feat");
    assertThat(c.scope()).isEqualTo("order-manager");
    assertThat(c.description()).isEqualTo("idempotent submit on client_order_id");
    assertThat(c.breaking()).isFalse();
    assertThat(c.body()).isEmpty();
    assertThat(c.footers()).isEmpty();
  }

  @Test
  void typeIsCaseInsensitiveAndLowerCased() {
    assertThat(parse("FIX: rounding of notional").type()).isEqualTo("fix");
  }

  @Test
  void bangMarksABreakingChangeWithTheDescriptionAsNote() {
    ConventionalCommit c = parse("refactor(risk-engine)!: drop the v1 limits API");
    assertThat(c.breaking()).isTrue();
    assertThat(c.breakingNotes()).containsExactly("drop the v1 limits API");
    assertThat(parse("feat!: new wire format").scope()).isNull();
  }

  @Test
  void breakingChangeFooterWithBodyAndMultiLineValue() {
    ConventionalCommit c =
        parse(
            """
            feat(api): accept orders by symbol

            The order API takes a symbol instead of an instrument id.
            Second line of the body.

            BREAKING CHANGE: clients must send symbol;
            instrumentId is rejected.
            Refs: #42
            """);
    assertThat(c.breaking()).isTrue();
    assertThat(c.body()).startsWith("The order API").endsWith("Second line of the body.");
    assertThat(c.breakingNotes())
        .containsExactly("clients must send symbol;\ninstrumentId is rejected.");
    assertThat(c.footer("refs")).contains("#42");
  }

  @Test
  void hyphenatedBreakingChangeFooterCounts() {
    assertThat(parse("fix: x\n\nBREAKING-CHANGE: config key renamed").breaking()).isTrue();
  }

  @Test
  void lowerCaseBreakingChangeIsNotBreaking() {
    ConventionalCommit c = parse("fix: x\n\nbreaking change: not really");
    assertThat(c.breaking()).isFalse();
  }

  @Test
  void breakingChangeLineRightAfterTheBodyIsStillFound() {
    ConventionalCommit c = parse("feat: y\n\nsome body text\nBREAKING CHANGE: port moved to 9000");
    assertThat(c.breaking()).isTrue();
    assertThat(c.body()).isEqualTo("some body text");
    assertThat(c.breakingNotes()).containsExactly("port moved to 9000");
  }

  @Test
  void footerWithHashSeparatorAndReleaseAs() {
    ConventionalCommit c = parse("chore: cut 2.0\n\nRelease-As: 2.0.0\nCloses #12");
    assertThat(c.footer("release-as")).contains("2.0.0");
    assertThat(c.footer("Closes")).contains("12");
    assertThat(c.breaking()).isFalse();
  }

  @Test
  void bodyLineThatLooksLikeAFooterWithoutABlankLineStaysInTheBody() {
    ConventionalCommit c = parse("docs: readme\n\nfirst line\nNote: stays in body");
    assertThat(c.footers()).isEmpty();
    assertThat(c.body()).contains("Note: stays in body");
  }

  @Test
  void windowsLineEndingsParse() {
    ConventionalCommit c = parse("fix: a\r\n\r\nBREAKING CHANGE: b\r\n");
    assertThat(c.breakingNotes()).containsExactly("b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Merge branch 'main' into feature",
        "wip",
        "feat:no space after colon",
        "feat: ",
        "feat(): empty scope",
        "feat (api): space before scope",
        "Revert \"feat: x\"",
        "fixup! fix: y",
        ": no type",
        "feat(a)(b): two scopes"
      })
  void nonConventionalMessagesAreRejected(String message) {
    assertThat(ConventionalCommits.parse(message)).as(message).isEmpty();
  }
}
