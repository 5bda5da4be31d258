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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import oasis.core.OasisException;

/**
 * Reads a project YAML file into typed records, rejecting unknown keys; errors name file and line.
 */
public final class YamlFiles {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private YamlFiles() {}

  /** A parsed file: the value (null when the file is empty) and the lines of its keys. */
  public record Parsed<T>(Path file, T value, YamlPositions positions) {

    /** A problem at the key path (keys joined by '/') of this file. */
    public Problem problem(String path, String message, String fix) {
      return new Problem(file, positions.line(path), message, fix);
    }
  }

  /**
   * Reads {@code file} as {@code type}; a malformed file throws {@link ConfigException} (exit 2)
   * whose message is relative to {@code base}.
   */
  public static <T> Parsed<T> read(Path base, Path file, Class<T> type) {
    YamlPositions positions = null;
    try {
      positions = YamlPositions.of(file);
      return new Parsed<>(file, YAML.readValue(file.toFile(), type), positions);
    } catch (NoSuchFileException e) {
      throw OasisException.badInput("cannot read " + file, "Check that the file exists.");
    } catch (JsonProcessingException e) {
      throw new ConfigException(base, List.of(problemOf(file, positions, e)));
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new ConfigException(
          base, List.of(new Problem(file, line, "not valid YAML: " + e.getProblem(), null)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static Problem problemOf(Path file, YamlPositions positions, JsonProcessingException e) {
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
