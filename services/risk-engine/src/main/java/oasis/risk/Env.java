package oasis.risk;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import oasis.service.ConfigException;
import oasis.service.decimal.Decimals;

/** Typed reads of environment variables; each bad value is a {@link ConfigException} naming it. */
final class Env {
  private final Map<String, String> values;

  Env(Map<String, String> values) {
    this.values = values;
  }

  String text(String name, String fallback) {
    String value = values.getOrDefault(name, fallback).trim();
    if (value.isEmpty()) {
      throw new ConfigException(name + " must not be empty");
    }
    return value;
  }

  int integer(String name, int fallback, int min, int max) {
    String text = values.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new ConfigException(
        name + " must be an integer " + min + "-" + max + ", got '" + text + "'");
  }

  boolean flag(String name, boolean fallback) {
    String text = values.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes" -> true;
      case "0", "false", "no" -> false;
      default -> throw new ConfigException(name + " must be 0 or 1, got '" + text + "'");
    };
  }

  double fraction(String name, double fallback) {
    String text = values.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value >= 0 && value <= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new ConfigException(name + " must be a number between 0 and 1, got '" + text + "'");
  }

  BigDecimal decimal(String name, String fallback) {
    String text = values.getOrDefault(name, fallback);
    try {
      return Decimals.parsePositive(name, text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          name + " must be a positive decimal such as 0.01, got '" + text + "'");
    }
  }

  Map<String, BigDecimal> decimals(String name) {
    String text = values.getOrDefault(name, "");
    Map<String, BigDecimal> result = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      try {
        result.put(
            parts[0].trim().toUpperCase(Locale.ROOT), Decimals.parsePositive(name, parts[1]));
      } catch (RuntimeException e) {
        throw new ConfigException(
            name + " must be SYMBOL=DECIMAL[,SYMBOL=DECIMAL...], got '" + text + "'");
      }
    }
    return result;
  }
}
