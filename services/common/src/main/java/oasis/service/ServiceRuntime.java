package oasis.service;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running service: gRPC server (health, reflection, ops, the service's own RPCs), the probe and
 * metrics HTTP server, readiness checks, and a bounded graceful shutdown.
 *
 * <pre>{@code
 * ServiceRuntime.builder("risk-engine", "RISK")
 *     .grpcService(new RiskValidatorService(limits))
 *     .readinessCheck("redis", redis::ping)
 *     .onShutdown("redis", redis::close)
 *     .start();
 * }</pre>
 */
public final class ServiceRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

  private final Builder spec;
  private final Readiness readiness;
  private final HealthStatusManager health = new HealthStatusManager();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private Server grpc;
  private ProbeHttpServer http;
  private volatile boolean cleanStop;

  private ServiceRuntime(Builder spec) {
    this.spec = spec;
    this.readiness = new Readiness(spec.checks, spec.checkTimeout);
  }

  /** A builder reading the process environment and {@code .env}. */
  public static Builder builder(String component, String portPrefix) {
    return builder(component, portPrefix, ServiceConfig.load());
  }

  /**
   * A builder for {@code component} whose ports come from {@code <portPrefix>_METRICS_PORT} and
   * {@code <portPrefix>_GRPC_PORT}; validates the kit's own variables now.
   */
  public static Builder builder(String component, String portPrefix, ServiceConfig config) {
    return new Builder(component, portPrefix, config);
  }

  private void startAll() throws IOException {
    int grpcPort = spec.config.port(spec.prefix + "_GRPC_PORT", spec.ports.grpc());
    int metricsPort = spec.config.port(spec.prefix + "_METRICS_PORT", spec.ports.metrics());
    try {
      grpc = buildGrpc(grpcPort).start();
    } catch (IOException e) {
      throw new IOException(
          "cannot listen for gRPC on 0.0.0.0:"
              + grpcPort
              + " ("
              + spec.prefix
              + "_GRPC_PORT): "
              + e.getMessage(),
          e);
    }
    try {
      http = new ProbeHttpServer(metricsPort, spec.metrics, readiness);
    } catch (IOException e) {
      grpc.shutdownNow();
      throw new IOException(
          "cannot listen for HTTP on 0.0.0.0:"
              + metricsPort
              + " ("
              + spec.prefix
              + "_METRICS_PORT): "
              + e.getMessage(),
          e);
    }
    http.start();
    readiness.addListener(this::publishHealth);
    readiness.start(spec.readinessInterval);
    if (spec.faults.enabled()) {
      LOG.warn("fault injection on: {}", spec.faults);
    }
    LOG.info(
        "started {} {} track={} grpc={} metrics={}",
        spec.identity.component(),
        spec.identity.version(),
        spec.identity.track(),
        grpcPort(),
        metricsPort());
  }

  private Server buildGrpc(int port) {
    ServerBuilder<?> server =
        Grpc.newServerBuilderForPort(
                port, oasis.service.security.TransportSecurity.from(spec.config).grpcServer())
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(new OpsService(spec.identity))
            .intercept(new GrpcMetricsInterceptor(spec.metrics));
    FaultInjectionInterceptor faults = new FaultInjectionInterceptor(spec.faults);
    for (ServerServiceDefinition service : spec.services) {
      server.addService(ServerInterceptors.intercept(service, faults));
    }
    return server.build();
  }

  private void publishHealth(ReadinessState state) {
    ServingStatus status = state.ready() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    for (ServerServiceDefinition service : spec.services) {
      health.setStatus(service.getServiceDescriptor().getName(), status);
    }
    spec.readyGauge.set(state.ready() ? 1 : 0);
  }

  /** The bound gRPC port. */
  public int grpcPort() {
    return grpc.getPort();
  }

  /** The bound HTTP port of {@code /metrics}, {@code /healthz} and {@code /readyz}. */
  public int metricsPort() {
    return http.port();
  }

  /** The identity the service reports. */
  public ServiceIdentity identity() {
    return spec.identity;
  }

  /** The service's metrics. */
  public ServiceMetrics metrics() {
    return spec.metrics;
  }

  /** Evaluates the readiness checks now rather than at the next tick. */
  public ReadinessState refreshReadiness() {
    return readiness.refresh();
  }

  /** Blocks until {@link #shutdown} has finished. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /**
   * Stops gracefully within the shutdown budget: not ready, stop accepting, drain in-flight calls,
   * run the shutdown hooks, stop probes. Returns true if everything finished in time.
   */
  public boolean shutdown() {
    if (!stopping.compareAndSet(false, true)) {
      try {
        terminated.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return cleanStop;
    }
    long start = System.nanoTime();
    long deadline = start + spec.shutdownTimeout.toNanos();
    LOG.info("shutting down within {} ms", spec.shutdownTimeout.toMillis());
    try {
      readiness.markShuttingDown();
      health.enterTerminalState();
      boolean drained = drainGrpc(start + spec.shutdownTimeout.toNanos() / 2);
      boolean hooksDone = spec.hooks.runAll(deadline);
      cleanStop = drained && hooksDone;
    } finally {
      http.close();
      readiness.close();
      LOG.info(
          "stopped in {} ms{}",
          Duration.ofNanos(System.nanoTime() - start).toMillis(),
          cleanStop ? "" : " (not clean: see above)");
      terminated.countDown();
    }
    return cleanStop;
  }

  private boolean drainGrpc(long deadlineNanos) {
    grpc.shutdown();
    try {
      if (grpc.awaitTermination(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        return true;
      }
      LOG.error("in-flight gRPC calls did not finish in time; cancelling them");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    grpc.shutdownNow();
    return false;
  }

  /** Same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  /** Describes a service before it starts; the setup of a service main works on this. */
  public static final class Builder {
    private final ServiceConfig config;
    private final String prefix;
    private final ServiceIdentity identity;
    private final ServiceMetrics metrics;
    private final FaultInjection faults;
    private final io.prometheus.metrics.core.metrics.Gauge readyGauge;
    private final List<ServerServiceDefinition> services = new ArrayList<>();
    private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
    private final ShutdownHooks hooks = new ShutdownHooks();
    private DefaultPorts ports;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private Duration readinessInterval = Duration.ofSeconds(1);
    private Duration checkTimeout = Duration.ofSeconds(2);

    private Builder(String component, String prefix, ServiceConfig config) {
      this.config = config;
      this.prefix = prefix;
      this.ports = DefaultPorts.of(prefix);
      this.identity = ServiceIdentity.from(config, component);
      LogContext.set(identity);
      this.faults = FaultInjection.from(config);
      config.port(prefix + "_GRPC_PORT", ports.grpc());
      config.port(prefix + "_METRICS_PORT", ports.metrics());
      this.metrics = new ServiceMetrics(identity.version(), identity.track());
      metrics
          .info(
              "oasis_service_info",
              "The release this process runs.",
              "component",
              "commit",
              "instance_id")
          .setLabelValues(identity.component(), identity.commit(), identity.instanceId());
      this.readyGauge =
          metrics.gauge("oasis_service_ready", "1 while every readiness check passes.");
      ProcessMetrics.register(metrics, identity);
    }

    /** The validated configuration, for the service's own variables. */
    public ServiceConfig config() {
      return config;
    }

    /** The metrics registry; service metrics made here carry version and track. */
    public ServiceMetrics metrics() {
      return metrics;
    }

    /** Component, version, track and this process. */
    public ServiceIdentity identity() {
      return identity;
    }

    /** Adds one of the service's own gRPC services (metrics and fault injection apply). */
    public Builder grpcService(BindableService service) {
      return grpcService(service.bindService());
    }

    /** Adds one of the service's own gRPC services (metrics and fault injection apply). */
    public Builder grpcService(ServerServiceDefinition service) {
      services.add(service);
      return this;
    }

    /** Adds a named readiness check; the service is ready only while every check passes. */
    public Builder readinessCheck(String name, ReadinessCheck check) {
      checks.put(name, check);
      return this;
    }

    /** Adds a shutdown step; steps run in reverse order of registration. */
    public Builder onShutdown(String name, ShutdownHook hook) {
      hooks.add(name, hook);
      return this;
    }

    /** Ports used when the environment sets none (the five services have theirs built in). */
    public Builder defaultPorts(int metricsPort, int grpcPort) {
      this.ports = new DefaultPorts(metricsPort, grpcPort);
      config.port(prefix + "_GRPC_PORT", grpcPort);
      config.port(prefix + "_METRICS_PORT", metricsPort);
      return this;
    }

    /** The whole graceful shutdown budget (10 s unless changed). */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    /** How often readiness checks run (every second unless changed). */
    public Builder readinessInterval(Duration interval) {
      this.readinessInterval = interval;
      return this;
    }

    /** Starts the servers and the readiness ticker. */
    public ServiceRuntime start() throws IOException {
      ServiceRuntime runtime = new ServiceRuntime(this);
      runtime.startAll();
      return runtime;
    }
  }
}
