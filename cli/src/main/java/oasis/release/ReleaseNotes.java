package oasis.release;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import oasis.core.OasisException;
import oasis.core.Templates;

/** Release notes rendered from a Mustache template (no HTML escaping: the output is Markdown). */
public final class ReleaseNotes {

  private final Mustache mustache;

  private ReleaseNotes(Mustache mustache) {
    this.mustache = mustache;
  }

  /** Compiles the template; a missing or malformed template exits 2 naming it. */
  public static ReleaseNotes template(Path projectDir, String relative) {
    Path file = projectDir.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw OasisException.badInput(
          "the release notes template " + relative + " is missing in " + projectDir,
          "Restore it (git checkout -- "
              + relative
              + "), or point release.notesTemplate in oasis.yaml at another one.");
    }
    try {
      return new ReleaseNotes(
          Templates.compile(Files.readString(file, StandardCharsets.UTF_8), relative));
    } catch (MustacheException e) {
      throw OasisException.badInput(
          "the release notes template " + relative + " is not valid Mustache: " + e.getMessage(),
          "Fix the tag it names; see templates/release-notes.md.mustache for the fields.");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The notes for one release. */
  public String render(Map<String, Object> model) {
    StringWriter out = new StringWriter();
    mustache.execute(out, model);
    return out.toString();
  }
}
