package oasis.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one checklist item ({@code with:}), typed on read; a wrong type throws {@link
 * IllegalArgumentException} naming the parameter, which the loader reports with file and line.
 */
public final class Params {

  private final Map<String, Object> values;

  private Params(Map<String, Object> values) {
    this.values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static Params of(Map<String, Object> values) {
    return new Params(values);
  }

  public String string(String key, String defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Map || v instanceof List) {
      throw new IllegalArgumentException("parameter '" + key + "' must be a single value");
    }
    return String.valueOf(v);
  }

  public int integer(String key, int defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(v).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "parameter '" + key + "' must be a whole number, not " + v);
    }
  }

  public List<String> strings(String key, List<String> defaultValue) {
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof List<?> list)) {
      return List.of(String.valueOf(v));
    }
    List<String> out = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof Map || item instanceof List) {
        throw new IllegalArgumentException("parameter '" + key + "' must be a list of values");
      }
      out.add(String.valueOf(item));
    }
    return List.copyOf(out);
  }

  /** A list of mappings, e.g. required alerts; each map's values as strings or string lists. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> maps(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || list.stream().anyMatch(i -> !(i instanceof Map))) {
      throw new IllegalArgumentException("parameter '" + key + "' must be a list of mappings");
    }
    return (List<Map<String, Object>>) list;
  }
}
