package oasis.service;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU, memory, threads and start time of the process, for the component-health dashboard, labelled
 * with version and track like every other metric.
 */
final class ProcessMetrics {
  private ProcessMetrics() {}

  static void register(ServiceMetrics metrics, ServiceIdentity identity) {
    Labels labels = Labels.of("version", identity.version(), "track", identity.track());
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    CounterWithCallback.builder()
        .name("process_cpu_seconds_total")
        .help("CPU time the process used.")
        .constLabels(labels)
        .callback(
            cb -> {
              if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                cb.call(sun.getProcessCpuTime() / 1e9);
              }
            })
        .register(metrics.registry());
    GaugeWithCallback.builder()
        .name("jvm_memory_used_bytes")
        .help("Memory the JVM uses, by area (heap|nonheap).")
        .labelNames("area")
        .constLabels(labels)
        .callback(
            cb -> {
              cb.call(memory.getHeapMemoryUsage().getUsed(), "heap");
              cb.call(memory.getNonHeapMemoryUsage().getUsed(), "nonheap");
            })
        .register(metrics.registry());
    GaugeWithCallback.builder()
        .name("jvm_threads_live")
        .help("Live threads of the JVM.")
        .constLabels(labels)
        .callback(cb -> cb.call(ManagementFactory.getThreadMXBean().getThreadCount()))
        .register(metrics.registry());
    GaugeWithCallback.builder()
        .name("process_start_time_seconds")
        .help("When the process started, in seconds since the epoch.")
        .constLabels(labels)
        .callback(cb -> cb.call(identity.startTime().toEpochMilli() / 1000.0))
        .register(metrics.registry());
  }
}
