package oasis.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The topics of oasis.yaml exist on the environment's Kafka with the declared partitions. */
final class KafkaTopicsCheck implements SmokeCheck {

  private final String kafka;
  private final Map<String, Integer> expected;

  KafkaTopicsCheck(String kafka, Map<String, Integer> expected) {
    this.kafka = kafka;
    this.expected = new TreeMap<>(expected);
  }

  @Override
  public String name() {
    return "kafka-topics";
  }

  @Override
  public SmokeCheckResult run(SmokeContext ctx) {
    String bootstrap = ctx.kafkaBootstrap();
    if (bootstrap == null) {
      return SmokeCheckResult.fail(
          kafka, "no Kafka bootstrap address: the target reports no broker");
    }
    Map<String, KafkaFuture<TopicDescription>> futures =
        ctx.admin().describeTopics(expected.keySet()).topicNameValues();
    List<String> problems = new ArrayList<>();
    for (var e : expected.entrySet()) {
      try {
        TopicDescription d =
            futures.get(e.getKey()).get(ctx.kafkaCallTimeout().toMillis(), TimeUnit.MILLISECONDS);
        int partitions = d.partitions().size();
        if (partitions != e.getValue()) {
          problems.add(e.getKey() + " has " + partitions + " partitions, expected " + e.getValue());
        }
      } catch (ExecutionException x) {
        problems.add(
            x.getCause() instanceof UnknownTopicOrPartitionException
                ? e.getKey() + " is missing"
                : e.getKey() + ": " + x.getCause().getMessage());
      } catch (TimeoutException x) {
        problems.add(e.getKey() + ": no answer from Kafka at " + bootstrap + " in time");
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        return SmokeCheckResult.fail(kafka, "interrupted while describing topics");
      }
    }
    return problems.isEmpty()
        ? SmokeCheckResult.pass(
            kafka, expected.size() + " topics with the declared partitions at " + bootstrap)
        : SmokeCheckResult.fail(
            kafka, String.join("; ", problems) + " (Kafka at " + bootstrap + ")");
  }
}
