package oasis.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import oasis.core.OasisException;

/** Reads {@code oasis.yaml} into typed records and rejects anything it cannot trust. */
public final class ProjectLoader {

  public static final String FILE_NAME = "oasis.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private ProjectLoader() {}

  /** Loads and validates {@code dir/oasis.yaml}; a bad file throws {@link ConfigException}. */
  public static Project load(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw OasisException.badInput(
          "no " + FILE_NAME + " in " + dir,
          "Run oasis inside an Oasis project, or pass --project-dir DIR.");
    }
    ProjectConfig config;
    YamlPositions positions = null;
    try {
      positions = YamlPositions.of(file);
      config = YAML.readValue(file.toFile(), ProjectConfig.class);
    } catch (NoSuchFileException e) {
      throw OasisException.badInput("cannot read " + file, "Check that the file exists.");
    } catch (JsonProcessingException e) {
      throw new ConfigException(dir, List.of(problemOf(file, positions, e)));
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new ConfigException(
          dir, List.of(new Problem(file, line, "not valid YAML: " + e.getProblem(), null)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (config == null) {
      throw new ConfigException(
          dir,
          List.of(
              new Problem(file, 1, "the file is empty", "Declare components and environments.")));
    }
    List<Problem> problems = new ProjectValidator(file, config, positions).validate();
    if (!problems.isEmpty()) {
      throw new ConfigException(dir, problems);
    }
    return new Project(dir, file, config);
  }

  private static Problem problemOf(Path file, YamlPositions positions, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    int line = location == null ? 1 : Math.max(1, location.getLineNr());
    if (e instanceof JsonMappingException mapping
        && positions != null
        && !mapping.getPath().isEmpty()) {
      // The parser's location is the token after the culprit; the key's own line is exact.
      line =
          positions.line(
              mapping.getPath().stream()
                  .map(
                      r ->
                          r.getFieldName() != null
                              ? r.getFieldName()
                              : String.valueOf(r.getIndex()))
                  .collect(Collectors.joining("/")));
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String allowed =
          unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      return new Problem(
          file,
          line,
          "unknown key '" + unknown.getPropertyName() + "' at " + pathOf(unknown),
          "use one of: " + allowed);
    }
    if (e instanceof JsonMappingException mapping) {
      return new Problem(
          file, line, "wrong value at " + pathOf(mapping) + ": " + e.getOriginalMessage(), null);
    }
    return new Problem(file, line, "not valid YAML: " + e.getOriginalMessage(), null);
  }

  private static String pathOf(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."));
    return path.isEmpty() ? "the top level" : path;
  }
}
