package oasis.core;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's Docker and compose templates under {@code templates/}, rendered with Mustache. */
public final class Templates {

  public static final String DOCKERFILE = "templates/docker/Dockerfile";
  public static final String JRE_DOCKERFILE = "templates/docker/jre.Dockerfile";
  public static final String REDIS_DOCKERFILE = "templates/docker/redis.Dockerfile";
  public static final String COMPOSE = "templates/compose/docker-compose.yml.mustache";

  private final Path projectDir;

  public Templates(Path projectDir) {
    this.projectDir = projectDir;
  }

  /** The template's text; a missing one fails naming it (exit 2). */
  public String text(String relative) {
    Path file = projectDir.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw OasisException.badInput(
          "no template " + relative + " in " + projectDir,
          "The docker target renders images and compose files from the project's templates/;"
              + " restore it from the Oasis repository.");
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Renders {@code relative} with {@code scope} (no HTML escaping: the output is not HTML). */
  public String render(String relative, Object scope) {
    try {
      StringWriter out = new StringWriter();
      compile(text(relative), relative).execute(out, scope);
      return out.toString();
    } catch (MustacheException e) {
      throw OasisException.badInput(
          "the template " + relative + " is not valid Mustache: " + e.getMessage(),
          "Fix the template.");
    }
  }

  /**
   * Compiles Mustache {@code text} ({@code name} in its errors) whose values are written as they
   * are: the project's templates make Dockerfiles, YAML and Markdown, never HTML.
   */
  public static com.github.mustachejava.Mustache compile(String text, String name) {
    return new RawFactory().compile(new StringReader(text), name);
  }

  private static final class RawFactory extends DefaultMustacheFactory {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
