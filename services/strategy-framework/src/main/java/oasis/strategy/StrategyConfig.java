package oasis.strategy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oasis.service.ConfigException;

/**
 * The strategy framework's configuration, read from environment variables and checked at start.
 *
 * @param symbol only this symbol's trades reach the strategies; empty for all
 * @param parameters per strategy id, from {@code STRATEGY_PARAMETERS=momentum.short_window=5,...}
 */
public record StrategyConfig(
    String marketTopic,
    String controlTopic,
    String consumerGroup,
    String symbol,
    String riskEngineAddress,
    Duration riskEngineDeadline,
    int riskEngineAttempts,
    Map<String, Map<String, String>> parameters) {

  /** Copies the parameters. */
  public StrategyConfig {
    parameters = Map.copyOf(parameters);
  }

  /** The variables {@link #from} reads (ports and brokers are the service kit's). */
  public static final List<String> VARIABLES =
      List.of(
          "NORMALIZED_MARKET_TOPIC",
          "MARKET_DATA_TOPIC",
          "CONTROL_COMMAND_TOPIC",
          "STRATEGY_CONSUMER_GROUP",
          "SYMBOL",
          "RISK_ENGINE_GRPC_ADDR",
          "RISK_ENGINE_DEADLINE_MS",
          "RISK_ENGINE_ATTEMPTS",
          "STRATEGY_PARAMETERS");

  /** Reads and checks every variable; throws {@link ConfigException} naming the first bad one. */
  public static StrategyConfig from(Map<String, String> env) {
    String address = text(env, "RISK_ENGINE_GRPC_ADDR", "127.0.0.1:50051");
    if (!address.matches("[^:\\s]+:\\d{1,5}")) {
      throw new ConfigException("RISK_ENGINE_GRPC_ADDR must be host:port, got '" + address + "'");
    }
    return new StrategyConfig(
        text(
            env,
            "NORMALIZED_MARKET_TOPIC",
            env.getOrDefault("MARKET_DATA_TOPIC", "market-data.trades.normalized")),
        text(env, "CONTROL_COMMAND_TOPIC", "control.commands"),
        text(env, "STRATEGY_CONSUMER_GROUP", "strategy-framework"),
        env.getOrDefault("SYMBOL", "").trim().toUpperCase(java.util.Locale.ROOT),
        address,
        // 20 s: outlasts the risk engine's every attempt at the order manager (3 x 5 s + backoff).
        Duration.ofMillis(integer(env, "RISK_ENGINE_DEADLINE_MS", 20000, 1, 600_000, "an integer")),
        integer(env, "RISK_ENGINE_ATTEMPTS", 3, 1, 10, "an integer"),
        parameters(env.getOrDefault("STRATEGY_PARAMETERS", "")));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.getOrDefault(name, fallback).trim();
    if (value.isEmpty()) {
      throw new ConfigException(name + " must not be empty");
    }
    return value;
  }

  private static int integer(
      Map<String, String> env, String name, int fallback, int min, int max, String what) {
    String text = env.get(name);
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
        name + " must be " + what + " " + min + "-" + max + ", got '" + text + "'");
  }

  static Map<String, Map<String, String>> parameters(String text) {
    Map<String, Map<String, String>> result = new HashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] keyValue = entry.split("=", 2);
      String[] idName = keyValue[0].trim().split("\\.", 2);
      if (keyValue.length != 2
          || idName.length != 2
          || idName[0].isEmpty()
          || idName[1].isEmpty()) {
        throw new ConfigException(
            "STRATEGY_PARAMETERS must be strategy.name=value[,...], got '" + entry.trim() + "'");
      }
      result.computeIfAbsent(idName[0], k -> new HashMap<>()).put(idName[1], keyValue[1].trim());
    }
    return result;
  }
}
