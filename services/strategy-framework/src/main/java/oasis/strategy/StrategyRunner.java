package oasis.strategy;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import oasis.control.v1.BotStatus;
import oasis.control.v1.ControlCommand;
import oasis.control.v1.SetStrategyConfig;
import trading.contracts.ContractValues;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

/**
 * Runs the loaded strategies over the trade stream and applies control commands. Every strategy
 * sees every trade, so its indicators stay warm; only enabled strategies of a running bot turn
 * their intents into signals. Thread-safe: trades and commands arrive on different threads.
 */
public final class StrategyRunner {

  /** One loaded strategy with its factory, parameters and switches. */
  private static final class Slot {
    final StrategyFactory factory;
    Map<String, String> parameters;
    Strategy strategy;
    StrategyState state = StrategyState.DEFAULT;

    Slot(StrategyFactory factory, Map<String, String> parameters) {
      this.factory = factory;
      this.parameters = Map.copyOf(parameters);
      this.strategy = factory.create(this.parameters);
    }
  }

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private BotStatus botStatus = BotStatus.RUNNING;

  /**
   * Creates one strategy per factory with its parameters ({@code parameters.get(id)}); throws
   * IllegalArgumentException for bad parameters or duplicate ids.
   */
  public StrategyRunner(
      List<StrategyFactory> factories, Map<String, Map<String, String>> parameters) {
    for (StrategyFactory factory : factories) {
      if (slots.containsKey(factory.id())) {
        throw new IllegalArgumentException("two strategies with id " + factory.id());
      }
      slots.put(factory.id(), new Slot(factory, parameters.getOrDefault(factory.id(), Map.of())));
    }
  }

  /** The factories on the class path, through {@code META-INF/services}. */
  public static List<StrategyFactory> discover() {
    List<StrategyFactory> factories = new ArrayList<>();
    ServiceLoader.load(StrategyFactory.class).forEach(factories::add);
    return factories;
  }

  /** Feeds {@code trade} to every strategy; the signals of the enabled ones, if the bot runs. */
  public synchronized List<TradingSignal> onTrade(Trade trade) {
    List<TradingSignal> signals = new ArrayList<>();
    for (Map.Entry<String, Slot> entry : slots.entrySet()) {
      Slot slot = entry.getValue();
      Optional<SignalIntent> intent = slot.strategy.onTrade(trade);
      if (intent.isPresent() && slot.state.enabled() && botStatus == BotStatus.RUNNING) {
        signals.add(signal(entry.getKey(), slot.state.mode(), intent.get(), trade));
      }
    }
    return signals;
  }

  /** Applies one operator command. */
  public synchronized CommandResult apply(ControlCommand command) {
    switch (command.getType()) {
      case SET_BOT_STATUS:
        BotStatus status = command.getSetBotStatus().getStatus();
        if (!command.hasSetBotStatus()
            || (status != BotStatus.RUNNING && status != BotStatus.PAUSED)) {
          return CommandResult.INVALID;
        }
        botStatus = status;
        return CommandResult.APPLIED;
      case SET_STRATEGY_CONFIG:
        return command.hasSetStrategyConfig()
            ? configure(command.getSetStrategyConfig())
            : CommandResult.INVALID;
      case SET_KILL_SWITCH:
        return CommandResult.NOT_MINE;
      default:
        return CommandResult.INVALID;
    }
  }

  private CommandResult configure(SetStrategyConfig config) {
    Slot slot = slots.get(config.getStrategyId());
    if (slot == null) {
      return CommandResult.UNKNOWN_STRATEGY;
    }
    // Absent mode keeps the mode: REAL is 0, so a command that only toggles `enabled` must not be
    // read as "switch to REAL". REAL needs real_money too (ContractValues#requestedMode).
    TradingMode mode = null;
    if (config.hasMode()) {
      try {
        mode =
            ContractValues.requestedMode(
                config.getMode(), config.getModeValue(), config.getRealMoney());
      } catch (IllegalArgumentException e) {
        return CommandResult.INVALID;
      }
      if (config.getMode() == TradingMode.REAL && mode != TradingMode.REAL) {
        return CommandResult.INVALID; // REAL without real_money: refused, not silently paper
      }
    } else if (config.getRealMoney()) {
      return CommandResult.INVALID;
    }
    Strategy replacement = null;
    Map<String, String> merged = null;
    if (config.getParametersCount() > 0) {
      merged = new HashMap<>(slot.parameters);
      merged.putAll(config.getParametersMap());
      try {
        replacement = slot.factory.create(merged);
      } catch (IllegalArgumentException e) {
        return CommandResult.INVALID;
      }
    }
    StrategyState next = slot.state;
    if (config.hasEnabled()) {
      next = next.withEnabled(config.getEnabled());
    }
    if (mode != null) {
      next = next.withMode(mode);
    }
    slot.state = next;
    if (replacement != null) {
      slot.strategy = replacement;
      slot.parameters = Map.copyOf(merged);
    }
    return CommandResult.APPLIED;
  }

  /** The switches of strategy {@code id}, if it is loaded. */
  public synchronized Optional<StrategyState> state(String id) {
    Slot slot = slots.get(id);
    return slot == null ? Optional.empty() : Optional.of(slot.state);
  }

  /** Whether the bot runs or is paused. */
  public synchronized BotStatus botStatus() {
    return botStatus;
  }

  private static TradingSignal signal(
      String strategyId, TradingMode mode, SignalIntent intent, Trade trade) {
    return TradingSignal.newBuilder()
        .setStrategyId(strategyId)
        .setSymbol(intent.symbol())
        .setSide(ContractValues.name(intent.side()))
        .setConfidence(intent.confidence())
        .setSignalTimestamp(
            Timestamp.newBuilder()
                .setSeconds(trade.time().getEpochSecond())
                .setNanos(trade.time().getNano()))
        .putAllMetadata(intent.metadata())
        .setMode(mode)
        .setRealMoney(mode == TradingMode.REAL)
        .build();
  }
}
