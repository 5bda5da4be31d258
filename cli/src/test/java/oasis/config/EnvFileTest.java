package oasis.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One reading of a {@code .env} line for deploy, export, secret files and preflight. */
class EnvFileTest {

  @Test
  void anInlineCommentIsNotPartOfTheValue() {
    assertThat(
            EnvFile.parse(
                List.of(
                    "ORDER_MANAGER_MODE=paper  # never real money here",
                    "TAB=x\t# a tab before the comment",
                    "URL=http://host/#anchor",
                    "NAME=a#b",
                    "export EMPTY=   # nothing set"),
                ".env"))
        .containsEntry("ORDER_MANAGER_MODE", "paper")
        .containsEntry("TAB", "x")
        .containsEntry("URL", "http://host/#anchor")
        .containsEntry("NAME", "a#b")
        .containsEntry("EMPTY", "");
  }

  @Test
  void aQuotedValueKeepsWhatItQuotesAndDropsTheCommentAfterIt() {
    assertThat(
            EnvFile.parse(
                List.of(
                    "A=\"with # inside\" # and a comment",
                    "B='single # too'",
                    "C=\"escaped \\\" quote\"",
                    "D=\"unclosed # value",
                    "E=\"\""),
                ".env"))
        .containsEntry("A", "with # inside")
        .containsEntry("B", "single # too")
        .containsEntry("C", "escaped \\\" quote")
        .containsEntry("D", "\"unclosed # value")
        .containsEntry("E", "");
  }
}
