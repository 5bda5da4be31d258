package oasis.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Java types as a YAML author knows them: parser messages never name {@code java.lang.Integer}. */
final class YamlTypes {

  static final String SYNTAX_FIX =
      "indent with spaces (not tabs), end each key with ': ', quote values that contain ': ' or"
          + " start with '{', '[', '*', '&' or '@'";

  private YamlTypes() {}

  static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class || type == BigDecimal.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (type == Duration.class) {
      return "a duration";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping (key: value lines)";
    }
    return "a " + type.getSimpleName();
  }

  static String example(Class<?> type) {
    String described = describe(type);
    return switch (described) {
      case "a whole number" -> "a number without quotes, such as 9090";
      case "a number" -> "a number such as 0.05";
      case "true or false" -> "true or false, without quotes";
      case "a list" -> "a list: '[a, b]' or one '- item' per line";
      case "a mapping (key: value lines)" -> "indented 'key: value' lines, or '{key: value}'";
      case "a text value" -> "a single value (quote it when it contains ': ')";
      default -> described;
    };
  }

  /** A parser message without Java class names and source locations. */
  static String plain(String message) {
    if (message == null) {
      return "malformed";
    }
    String first = message.lines().findFirst().orElse(message);
    return first
        .replaceAll("`?java\\.lang\\.(\\w+)`?", "$1")
        .replaceAll("`?(?:[a-z]+\\.)+([A-Z]\\w*)`?", "$1")
        .replaceAll(" at \\[Source.*", "");
  }
}
