package oasis.service.control;

import oasis.control.v1.ControlCommand;
import oasis.service.kafka.TopicReplay;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Feeds a {@link KillSwitch} from the control topic. Every instance reads every partition from the
 * beginning (no consumer group), so one that starts after a kill is engaged at once; the switch
 * keeps the latest command by issued_at, so a record read twice changes nothing. A broker that is
 * away does not end the loop.
 */
public final class KillSwitchListener implements Runnable {
  private final TopicReplay replay;

  /** Reads {@code topic} with {@code consumer} into {@code killSwitch}. */
  public KillSwitchListener(
      Consumer<String, byte[]> consumer, String topic, KillSwitch killSwitch) {
    this.replay =
        new TopicReplay(
            consumer,
            topic,
            TopicReplay.From.BEGINNING,
            "control commands",
            record -> killSwitch.apply(ControlCommand.parseFrom(record.value())),
            () -> {});
  }

  @Override
  public void run() {
    replay.run();
  }

  /** Ends the loop. */
  public void stop() {
    replay.stop();
  }
}
