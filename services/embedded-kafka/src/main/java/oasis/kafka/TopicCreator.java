package oasis.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the broker answers and makes sure each topic exists with at least its partition count
 * (a restart on an existing log directory keeps the topics it had).
 */
final class TopicCreator {
  private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

  private final String bootstrap;
  private final Properties security;

  TopicCreator(String bootstrap) {
    this(bootstrap, new Properties());
  }

  /** With {@code security}: SASL_SSL login and trust when the broker has no plaintext listener. */
  TopicCreator(String bootstrap, Properties security) {
    this.bootstrap = bootstrap;
    this.security = security;
  }

  void ensure(Map<String, Integer> topics, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties props = new Properties();
    props.putAll(security);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(props)) {
      await(admin.describeCluster().nodes().toCompletionStage().toCompletableFuture(), deadline);
      create(admin, topics, deadline);
      grow(admin, topics, deadline);
      awaitLeaders(admin, topics, deadline);
    }
  }

  /** Producers right after the ready line should not meet a partition without a leader. */
  private void awaitLeaders(Admin admin, Map<String, Integer> topics, long deadline)
      throws Exception {
    while (true) {
      Map<String, TopicDescription> described = describe(admin, topics, deadline);
      boolean allLed =
          described.values().stream()
              .allMatch(
                  d ->
                      d.partitions().size() >= topics.get(d.name())
                          && d.partitions().stream().allMatch(p -> p.leader() != null));
      if (allLed) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "topics on " + bootstrap + " have no leader in time: " + described);
      }
      Thread.sleep(50);
    }
  }

  /**
   * Makes or updates a SCRAM-SHA-512 user per entry (one per component, one for oasis): only the
   * admin user can be made when the storage is formatted.
   */
  void upsertUsers(Map<String, String> users, Duration timeout) throws Exception {
    if (users.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties props = new Properties();
    props.putAll(security);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      List<UserScramCredentialAlteration> upserts =
          users.entrySet().stream()
              .map(
                  u ->
                      (UserScramCredentialAlteration)
                          new UserScramCredentialUpsertion(
                              u.getKey(),
                              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                              u.getValue()))
              .toList();
      await(
          admin.alterUserScramCredentials(upserts).all().toCompletionStage().toCompletableFuture(),
          deadline);
      LOG.info("SCRAM users: {}", users.keySet());
    }
  }

  private void create(Admin admin, Map<String, Integer> topics, long deadline) throws Exception {
    List<NewTopic> wanted =
        topics.entrySet().stream()
            .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1))
            .toList();
    for (var result : admin.createTopics(wanted).values().entrySet()) {
      try {
        await(result.getValue().toCompletionStage().toCompletableFuture(), deadline);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        LOG.info("topic {} exists", result.getKey());
      }
    }
  }

  private void grow(Admin admin, Map<String, Integer> topics, long deadline) throws Exception {
    Map<String, TopicDescription> existing = describe(admin, topics, deadline);
    Map<String, NewPartitions> increases = new HashMap<>();
    existing.forEach(
        (name, description) -> {
          int have = description.partitions().size();
          if (have < topics.get(name)) {
            increases.put(name, NewPartitions.increaseTo(topics.get(name)));
          }
        });
    if (!increases.isEmpty()) {
      LOG.info("adding partitions: {}", increases);
      await(
          admin.createPartitions(increases).all().toCompletionStage().toCompletableFuture(),
          deadline);
    }
  }

  /**
   * Describes the topics, waiting while the broker's metadata does not know a topic it has just
   * created: that answer is transient (retriable), not a missing topic.
   */
  private Map<String, TopicDescription> describe(
      Admin admin, Map<String, Integer> topics, long deadline) throws Exception {
    while (true) {
      try {
        return await(
            admin
                .describeTopics(topics.keySet())
                .allTopicNames()
                .toCompletionStage()
                .toCompletableFuture(),
            deadline);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private <T> T await(java.util.concurrent.Future<T> future, long deadline) throws Exception {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("the broker at " + bootstrap + " did not answer in time");
    }
  }
}
