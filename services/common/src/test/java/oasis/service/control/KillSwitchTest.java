package oasis.service.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.List;
import oasis.control.v1.CommandType;
import oasis.control.v1.ControlCommand;
import oasis.control.v1.SetBotStatus;
import oasis.control.v1.SetKillSwitch;
import org.junit.jupiter.api.Test;

class KillSwitchTest {
  private static ControlCommand kill(boolean engaged, long issuedAt) {
    return ControlCommand.newBuilder()
        .setCommandId("k" + issuedAt)
        .setType(CommandType.SET_KILL_SWITCH)
        .setIssuedAt(Timestamp.newBuilder().setSeconds(issuedAt))
        .setIssuedBy("ops")
        .setSetKillSwitch(SetKillSwitch.newBuilder().setEngaged(engaged).setReason("r" + issuedAt))
        .build();
  }

  @Test
  void engagingRunsTheActionsOnceAndTheLatestCommandWinsInAnyOrder() {
    KillSwitch killSwitch = new KillSwitch();
    List<String> actions = new ArrayList<>();
    killSwitch.onEngage(actions::add);

    assertThat(killSwitch.apply(kill(true, 10))).isTrue();
    assertThat(killSwitch.apply(kill(true, 11))).as("already engaged").isFalse();
    assertThat(killSwitch.engaged()).isTrue();
    assertThat(actions).containsExactly("r10");

    assertThat(killSwitch.apply(kill(false, 9))).as("older than the kill").isFalse();
    assertThat(killSwitch.engaged()).isTrue();
    assertThat(killSwitch.apply(kill(false, 12))).isTrue();
    assertThat(killSwitch.engaged()).isFalse();
    assertThat(killSwitch.reason()).isEmpty();
    assertThat(killSwitch.apply(kill(true, 13))).isTrue();
    assertThat(actions).containsExactly("r10", "r13");
  }

  @Test
  void otherCommandsLeaveItAlone() {
    KillSwitch killSwitch = new KillSwitch();
    assertThat(
            killSwitch.apply(
                ControlCommand.newBuilder()
                    .setType(CommandType.SET_BOT_STATUS)
                    .setSetBotStatus(SetBotStatus.getDefaultInstance())
                    .build()))
        .isFalse();
    assertThat(killSwitch.engaged()).isFalse();
  }
}
