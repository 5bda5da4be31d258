package oasis.preflight.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import oasis.core.OasisException;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;
import oasis.release.ReleaseDocument;

/**
 * Variables added since the previous release appear in the notes ({@code releases/vX.Y.Z.md}) of
 * the release being deployed ({@code --release}, else the newest one).
 */
public final class VariablesInNotesCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of("schema");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String schema;

  public VariablesInNotesCheck(Params params) {
    this.schema = params.string("schema", "environments/variables.yaml");
  }

  @Override
  public CheckResult run(CheckContext context) {
    Optional<ReleaseDocument> target =
        context.release().or(() -> context.releases().latestDocument());
    if (target.isEmpty()) {
      return CheckResult.skip("no release yet: there are no release notes to compare with");
    }
    ReleaseDocument release = target.get();
    Optional<ReleaseDocument> previous = context.releases().documentBefore(release.version());
    if (previous.isEmpty()) {
      return CheckResult.pass(
          release.tag() + " is the first release: every variable is new, none to diff");
    }
    String now = atTag(context, release.tag()).orElseGet(() -> read(context.dir().resolve(schema)));
    Optional<String> before = atTag(context, previous.get().tag());
    if (before.isEmpty()) {
      return CheckResult.warn(
          "cannot read " + schema + " at tag " + previous.get().tag(),
          List.of(
              Finding.warn(
                  context.relative(previous.get().manifest()),
                  1,
                  "no tag " + previous.get().tag() + " with " + schema,
                  "fetch the release tags (git fetch --tags)")));
    }
    Set<String> added = names(now, release.tag());
    added.removeAll(names(before.get(), previous.get().tag()));
    if (added.isEmpty()) {
      return CheckResult.pass("no variable added since " + previous.get().tag());
    }
    Path notes = release.notes();
    String text = Files.isRegularFile(notes) ? read(notes) : "";
    List<Finding> findings =
        added.stream()
            .filter(name -> !text.contains(name))
            .map(
                name ->
                    Finding.fail(
                        context.relative(notes),
                        0,
                        name
                            + " was added since "
                            + previous.get().tag()
                            + " but the release notes do not mention it",
                        "describe "
                            + name
                            + " (what it does, its default) in the notes' upgrade section"))
            .toList();
    return CheckResult.of(
        findings, "the notes mention every added variable: " + String.join(", ", added));
  }

  private Optional<String> atTag(CheckContext context, String tag) {
    if (!Files.exists(context.dir().resolve(".git"))) {
      return Optional.empty();
    }
    Processes.Output git =
        Processes.run(context.dir(), List.of("git", "show", tag + ":" + schema), 30);
    return git.code() == 0 ? Optional.of(git.out()) : Optional.empty();
  }

  /** The variable names of a schema's text (at a tag, so possibly of an older shape). */
  private Set<String> names(String yaml, String where) {
    Set<String> names = new LinkedHashSet<>();
    try {
      for (JsonNode v : YAML.readTree(yaml).path("variables")) {
        names.add(v.path("name").asText());
      }
    } catch (JsonProcessingException e) {
      throw OasisException.badInput(
          schema + " at " + where + " is not valid YAML: " + e.getOriginalMessage(),
          "Fix the schema (at a release tag it cannot change: fix the tag's history instead).");
    }
    return names;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
