package oasis.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import oasis.service.ConfigException;
import oasis.service.LogContext;
import oasis.service.ParentWatch;
import oasis.service.ServiceConfig;
import oasis.service.ServiceIdentity;
import oasis.service.Signals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a real single-node Kafka broker in KRaft mode until SIGTERM. Prints {@code oasis-kafka ready
 * bootstrap=127.0.0.1:<port>} on stdout once the broker answers and its topics exist.
 */
public final class EmbeddedKafkaMain {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaMain.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private EmbeddedKafkaMain() {}

  /** Entry point; exit code 0 after a clean stop, 1 if the broker failed, 2 on bad config. */
  public static void main(String[] args) {
    System.exit(run());
  }

  static int run() {
    long start = System.nanoTime();
    BrokerSettings settings;
    Optional<Long> parent;
    try {
      ServiceConfig config = ServiceConfig.load();
      settings = BrokerSettings.from(config);
      parent = ParentWatch.pid(config);
      LogContext.set(ServiceIdentity.from(config, "embedded-kafka"));
    } catch (ConfigException e) {
      System.err.println("oasis-kafka: configuration error: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings)) {
      Runnable stop =
          () -> {
            broker.close();
            stopped.countDown();
          };
      Signals.onTerminate(stop);
      parent.ifPresent(pid -> ParentWatch.watch(pid, stop));
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown-hook"));
      broker.start();
      TopicCreator topics = new TopicCreator(settings.bootstrap(), settings.clientSecurity());
      topics.ensure(settings.topics(), READY_TIMEOUT);
      if (settings.security().isPresent()) {
        topics.upsertUsers(settings.security().get().users(), READY_TIMEOUT);
      }
      System.out.println("oasis-kafka ready bootstrap=" + settings.bootstrap());
      System.out.flush();
      LOG.info(
          "ready in {} ms with topics {}",
          Duration.ofNanos(System.nanoTime() - start).toMillis(),
          settings.topics());
      stopped.await();
      LOG.info("stopped");
      return 0;
    } catch (Exception e) {
      LOG.error("the broker failed", e);
      System.err.println(
          "oasis-kafka: cannot run the broker on "
              + settings.bootstrap()
              + " (controller port "
              + settings.controllerPort()
              + "): "
              + rootCause(e));
      return 1;
    }
  }

  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + ": " + root;
  }
}
