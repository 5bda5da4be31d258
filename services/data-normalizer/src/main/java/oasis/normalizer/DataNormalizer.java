package oasis.normalizer;

import java.io.IOException;
import oasis.service.ServiceConfig;
import oasis.service.ServiceRuntime;
import oasis.service.kafka.KafkaReadiness;
import oasis.service.kafka.KafkaSettings;

/** Wires the normalizer: its consumer loop, readiness checks and shutdown steps. */
final class DataNormalizer {
  static final String COMPONENT = "data-normalizer";
  static final String PREFIX = "NORMALIZER";

  private DataNormalizer() {}

  /** Adds the normalizer to a service being built and starts its loop. */
  static void configure(ServiceRuntime.Builder service) {
    NormalizerSettings settings = NormalizerSettings.from(service.config());
    KafkaSettings kafka = KafkaSettings.from(service.config());
    NormalizerLoop loop =
        new NormalizerLoop(settings, kafka, new NormalizerMetrics(service.metrics()));
    KafkaReadiness kafkaUp = new KafkaReadiness(kafka);
    service
        .readinessCheck("kafka", kafkaUp)
        .readinessCheck("consumer loop", loop::running)
        .onShutdown("kafka readiness", kafkaUp::close)
        .onShutdown("consumer commit", loop::stop);
    Thread thread = new Thread(loop, "normalizer-loop");
    thread.start();
  }

  /** Builds and starts the normalizer with the given configuration (tests, tools). */
  static ServiceRuntime start(ServiceConfig config) throws IOException {
    ServiceRuntime.Builder service = ServiceRuntime.builder(COMPONENT, PREFIX, config);
    configure(service);
    return service.start();
  }
}
