package oasis.strategy;

import java.util.Map;

/**
 * The strategy SPI: implementations are found with {@link java.util.ServiceLoader} through {@code
 * META-INF/services/oasis.strategy.StrategyFactory}.
 */
public interface StrategyFactory {

  /** The strategy id used in signals and control commands (e.g. "momentum"). */
  String id();

  /** A fresh strategy; throws IllegalArgumentException naming a bad parameter. */
  Strategy create(Map<String, String> parameters);
}
