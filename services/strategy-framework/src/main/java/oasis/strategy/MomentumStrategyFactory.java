package oasis.strategy;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The built-in momentum strategy, id {@code momentum}. Parameters: {@code short_window} (5), {@code
 * long_window} (20), {@code confidence_scale} (100).
 */
public final class MomentumStrategyFactory implements StrategyFactory {

  @Override
  public String id() {
    return "momentum";
  }

  @Override
  public Strategy create(Map<String, String> parameters) {
    return new MomentumStrategy(
        integer(parameters, "short_window", 5),
        integer(parameters, "long_window", 20),
        decimal(parameters, "confidence_scale", "100"));
  }

  private static int integer(Map<String, String> parameters, String name, int fallback) {
    String text = parameters.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "momentum " + name + " must be an integer, got '" + text + "'");
    }
  }

  private static BigDecimal decimal(Map<String, String> parameters, String name, String fallback) {
    String text = parameters.getOrDefault(name, fallback).trim();
    if (!text.matches("\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(
          "momentum " + name + " must be a decimal, got '" + text + "'");
    }
    return new BigDecimal(text);
  }
}
