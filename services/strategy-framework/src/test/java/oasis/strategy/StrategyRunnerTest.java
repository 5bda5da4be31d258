package oasis.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import oasis.control.v1.BotStatus;
import oasis.control.v1.CommandType;
import oasis.control.v1.ControlCommand;
import oasis.control.v1.SetBotStatus;
import oasis.control.v1.SetStrategyConfig;
import org.junit.jupiter.api.Test;
import trading.contracts.TradingMode;
import trading.contracts.TradingSignal;

class StrategyRunnerTest {
  private static final String[] CROSS_UP = {"10", "10", "9", "9", "9", "12"};

  private final StrategyRunner runner =
      new StrategyRunner(
          StrategyRunner.discover(),
          Map.of("momentum", Map.of("short_window", "2", "long_window", "4")));

  private int tick;

  /** Feeds the prices; returns every signal they caused. */
  private List<TradingSignal> feed(String... prices) {
    List<TradingSignal> all = new java.util.ArrayList<>();
    for (String price : prices) {
      all.addAll(runner.onTrade(MomentumStrategyTest.trade("BTC-USD", price, tick++)));
    }
    return all;
  }

  static ControlCommand bot(BotStatus status) {
    return ControlCommand.newBuilder()
        .setCommandId("c")
        .setType(CommandType.SET_BOT_STATUS)
        .setSetBotStatus(SetBotStatus.newBuilder().setStatus(status))
        .build();
  }

  static ControlCommand config(SetStrategyConfig.Builder config) {
    return ControlCommand.newBuilder()
        .setCommandId("c")
        .setType(CommandType.SET_STRATEGY_CONFIG)
        .setSetStrategyConfig(config)
        .build();
  }

  @Test
  void theMomentumStrategyIsFoundThroughTheServiceLoader() {
    assertThat(StrategyRunner.discover()).extracting(StrategyFactory::id).contains("momentum");
    assertThat(runner.state("momentum")).contains(StrategyState.DEFAULT);
  }

  @Test
  void signalsCarryTheStrategyTheTradeTimeAndDefaultToPaper() {
    List<TradingSignal> signals = feed(CROSS_UP);

    assertThat(signals).hasSize(1);
    TradingSignal signal = signals.get(0);
    assertThat(signal.getStrategyId()).isEqualTo("momentum");
    assertThat(signal.getSide()).isEqualTo("BUY");
    assertThat(signal.getMode()).isEqualTo(TradingMode.PAPER);
    assertThat(signal.getSignalTimestamp().getSeconds())
        .isEqualTo(MomentumStrategyTest.trade("BTC-USD", "1", 5).time().getEpochSecond());
  }

  @Test
  void aPausedBotSignalsNothingAndResumesWhenRunning() {
    assertThat(runner.apply(bot(BotStatus.PAUSED))).isEqualTo(CommandResult.APPLIED);
    assertThat(feed(CROSS_UP)).isEmpty();
    assertThat(runner.botStatus()).isEqualTo(BotStatus.PAUSED);

    assertThat(runner.apply(bot(BotStatus.RUNNING))).isEqualTo(CommandResult.APPLIED);
    assertThat(feed("12", "8", "8")).extracting(TradingSignal::getSide).containsExactly("SELL");
  }

  @Test
  void aDisabledStrategyIsSilentAndARealModeIsCarriedIntoItsSignals() {
    runner.apply(
        config(SetStrategyConfig.newBuilder().setStrategyId("momentum").setEnabled(false)));
    assertThat(feed(CROSS_UP)).isEmpty();

    assertThat(
            runner.apply(
                config(
                    SetStrategyConfig.newBuilder()
                        .setStrategyId("momentum")
                        .setEnabled(true)
                        .setMode(TradingMode.REAL)
                        .setRealMoney(true))))
        .isEqualTo(CommandResult.APPLIED);
    List<TradingSignal> signals = feed("12", "8", "8");

    assertThat(signals).extracting(TradingSignal::getMode).containsExactly(TradingMode.REAL);
    assertThat(signals).extracting(TradingSignal::getRealMoney).containsExactly(true);
    assertThat(runner.state("momentum")).contains(new StrategyState(true, TradingMode.REAL));
  }

  @Test
  void aModeOnlyCommandLeavesEnabledAloneAndParametersReplaceTheStrategy() {
    runner.apply(
        config(
            SetStrategyConfig.newBuilder()
                .setStrategyId("momentum")
                .setMode(TradingMode.REAL)
                .setRealMoney(true)));
    assertThat(runner.state("momentum")).contains(new StrategyState(true, TradingMode.REAL));

    assertThat(
            runner.apply(
                config(
                    SetStrategyConfig.newBuilder()
                        .setStrategyId("momentum")
                        .putParameters("long_window", "3")
                        .putParameters("short_window", "1"))))
        .isEqualTo(CommandResult.APPLIED);
    // windows 1/3: a fresh strategy signals after 3 prices and a cross
    assertThat(feed("10", "9", "8", "12"))
        .extracting(TradingSignal::getSide)
        .containsExactly("BUY");
  }

  @Test
  void realWithoutRealMoneyAndRealMoneyWithoutRealAreRefusedAndChangeNothing() {
    assertThat(
            runner.apply(
                config(
                    SetStrategyConfig.newBuilder()
                        .setStrategyId("momentum")
                        .setMode(TradingMode.REAL))))
        .isEqualTo(CommandResult.INVALID);
    assertThat(
            runner.apply(
                config(
                    SetStrategyConfig.newBuilder()
                        .setStrategyId("momentum")
                        .setMode(TradingMode.PAPER)
                        .setRealMoney(true))))
        .isEqualTo(CommandResult.INVALID);
    assertThat(
            runner.apply(
                config(
                    SetStrategyConfig.newBuilder().setStrategyId("momentum").setRealMoney(true))))
        .isEqualTo(CommandResult.INVALID);
    assertThat(
            runner.apply(
                config(SetStrategyConfig.newBuilder().setStrategyId("momentum").setEnabled(true))))
        .as("a command without a mode (REAL = 0 on the wire) keeps the mode")
        .isEqualTo(CommandResult.APPLIED);
    assertThat(runner.state("momentum")).contains(StrategyState.DEFAULT);
  }

  @Test
  void badCommandsChangeNothing() {
    assertThat(
            runner.apply(
                config(SetStrategyConfig.newBuilder().setStrategyId("nope").setEnabled(false))))
        .isEqualTo(CommandResult.UNKNOWN_STRATEGY);
    assertThat(
            runner.apply(
                config(
                    SetStrategyConfig.newBuilder()
                        .setStrategyId("momentum")
                        .setEnabled(false)
                        .putParameters("short_window", "9"))))
        .as("short window not below long window")
        .isEqualTo(CommandResult.INVALID);
    assertThat(runner.apply(bot(BotStatus.BOT_STATUS_UNSPECIFIED)))
        .isEqualTo(CommandResult.INVALID);
    assertThat(
            runner.apply(ControlCommand.newBuilder().setType(CommandType.SET_BOT_STATUS).build()))
        .isEqualTo(CommandResult.INVALID);
    assertThat(runner.apply(ControlCommand.getDefaultInstance())).isEqualTo(CommandResult.INVALID);
    assertThat(
            runner.apply(
                ControlCommand.newBuilder()
                    .setType(CommandType.SET_KILL_SWITCH)
                    .setSetKillSwitch(oasis.control.v1.SetKillSwitch.newBuilder().setEngaged(true))
                    .build()))
        .as("the kill switch is the risk engine's and the order manager's, not malformed")
        .isEqualTo(CommandResult.NOT_MINE);

    assertThat(runner.state("momentum")).contains(StrategyState.DEFAULT);
    assertThat(runner.botStatus()).isEqualTo(BotStatus.RUNNING);
    assertThat(feed(CROSS_UP)).hasSize(1);
  }
}
