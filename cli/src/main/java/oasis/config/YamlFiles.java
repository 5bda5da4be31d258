package oasis.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
    try {
      T value = YAML.readValue(file.toFile(), type);
      return new Parsed<>(file, value, YamlPositions.deferred(file));
    } catch (NoSuchFileException e) {
      throw OasisException.badInput("cannot read " + file, "Check that the file exists.");
    } catch (JsonProcessingException e) {
      // the lines of keys, for the message; SnakeYAML's own syntax error is the more precise one
      YamlPositions positions;
      try {
        positions = YamlPositions.of(file);
      } catch (org.yaml.snakeyaml.error.MarkedYAMLException syntax) {
        throw new ConfigException(base, List.of(syntaxProblem(file, syntax)));
      } catch (IOException unreadable) {
        positions = null;
      }
      throw new ConfigException(base, List.of(problemOf(file, positions, e)));
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      throw new ConfigException(base, List.of(syntaxProblem(file, e)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The line of the culprit: the key's own line where known, else the parser's location. */
  private static int lineOf(YamlPositions positions, JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping
        && positions != null
        && !mapping.getPath().isEmpty()) {
      // The parser's location is the token after the culprit; the key's own line is exact.
      return positions.line(
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
              .collect(Collectors.joining("/")));
    }
    JsonLocation location = e.getLocation();
    return location == null ? 1 : Math.max(1, location.getLineNr());
  }

  static Problem problemOf(Path file, YamlPositions positions, JsonProcessingException e) {
    int line = lineOf(positions, e);
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
    if (e instanceof InvalidFormatException format) {
      return new Problem(
          file,
          line,
          "wrong type at "
              + pathOf(format)
              + ": '"
              + format.getValue()
              + "' is not "
              + YamlTypes.describe(format.getTargetType()),
          "write " + YamlTypes.example(format.getTargetType()));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new Problem(
          file,
          line,
          "wrong type at "
              + pathOf(mismatch)
              + ": expected "
              + YamlTypes.describe(mismatch.getTargetType()),
          "write " + YamlTypes.example(mismatch.getTargetType()));
    }
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException syntax) {
      return syntaxProblem(file, syntax);
    }
    if (e instanceof JsonMappingException mapping) {
      return new Problem(
          file,
          line,
          "wrong value at " + pathOf(mapping) + ": " + YamlTypes.plain(e.getOriginalMessage()),
          "see the key's description in the README");
    }
    return new Problem(
        file,
        line,
        "not valid YAML: " + YamlTypes.plain(e.getOriginalMessage()),
        YamlTypes.SYNTAX_FIX);
  }

  /**
   * A syntax error at the line where the construct starts: SnakeYAML's problem mark is often the
   * token after it (the next line), its context mark the key being read.
   */
  static Problem syntaxProblem(Path file, org.yaml.snakeyaml.error.MarkedYAMLException e) {
    var mark = e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
    int line = mark == null ? 1 : mark.getLine() + 1;
    String what = e.getProblem() == null ? "syntax error" : e.getProblem();
    if (e.getContext() != null) {
      what = what + " (" + e.getContext() + ")";
    }
    if (what.startsWith("mapping values are not allowed")) {
      // "key value" without its ':' runs on into the next line, where the parser trips.
      List<String> lines = lines(file);
      int previous = line - 2;
      while (previous >= 0 && lines.get(previous).isBlank()) {
        previous--;
      }
      if (previous >= 0 && previous < lines.size() && !lines.get(previous).contains(":")) {
        String text = lines.get(previous).strip();
        return new Problem(
            file,
            previous + 1,
            "not valid YAML: '" + text + "' has no ':' after its key",
            "write 'key: value' (" + text.replaceFirst("\\s+", ": ") + ")");
      }
    }
    return new Problem(file, line, "not valid YAML: " + what, YamlTypes.SYNTAX_FIX);
  }

  private static List<String> lines(Path file) {
    try {
      return java.nio.file.Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
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
