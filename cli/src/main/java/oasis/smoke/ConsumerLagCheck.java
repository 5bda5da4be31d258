package oasis.smoke;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A service's consumer group is at most {@code maxConsumerLag} messages behind the end of the
 * partitions it committed offsets for.
 */
final class ConsumerLagCheck implements SmokeCheck {

  private final String component;
  private final String groupVariable;
  private final String defaultGroup;

  ConsumerLagCheck(String component, String groupVariable, String defaultGroup) {
    this.component = component;
    this.groupVariable = groupVariable;
    this.defaultGroup = defaultGroup;
  }

  @Override
  public String name() {
    return "consumer-lag/" + component;
  }

  @Override
  public SmokeCheckResult run(SmokeContext ctx) {
    String group = ctx.variable(component, groupVariable, defaultGroup);
    long limit = ctx.settings().maxConsumerLag();
    long wait = ctx.kafkaCallTimeout().toMillis();
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          ctx.admin()
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(wait, TimeUnit.MILLISECONDS);
      committed.values().removeIf(java.util.Objects::isNull);
      if (committed.isEmpty()) {
        return SmokeCheckResult.warn(
            component, "consumer group '" + group + "' has not committed offsets yet");
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          ctx.admin()
              .listOffsets(
                  committed.keySet().stream()
                      .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
              .all()
              .get(wait, TimeUnit.MILLISECONDS);
      long lag = 0;
      for (var e : committed.entrySet()) {
        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
      }
      String what =
          "consumer group '"
              + group
              + "' is "
              + lag
              + " messages behind on "
              + committed.size()
              + " partitions (bound "
              + limit
              + ")";
      return lag <= limit
          ? SmokeCheckResult.pass(component, what)
          : SmokeCheckResult.fail(component, what);
    } catch (ExecutionException e) {
      return SmokeCheckResult.fail(
          component,
          "offsets of consumer group '"
              + group
              + "' at "
              + ctx.kafkaBootstrap()
              + ": "
              + e.getCause().getMessage());
    } catch (TimeoutException e) {
      return SmokeCheckResult.fail(
          component, "no answer from Kafka at " + ctx.kafkaBootstrap() + " within " + wait + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SmokeCheckResult.fail(component, "interrupted while reading consumer offsets");
    }
  }
}
