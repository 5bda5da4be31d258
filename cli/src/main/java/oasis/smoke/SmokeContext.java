package oasis.smoke;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import oasis.config.ProjectConfig;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RuntimeContract;
import oasis.runtime.TargetStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What the checks of one smoke run share: the plan the environment should run (expected versions,
 * variables), what the target observes (endpoints), the settings, and connections opened on demand
 * and closed at the end.
 */
public final class SmokeContext implements AutoCloseable {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  private final String environment;
  private final ProjectConfig project;
  private final Plan plan;
  private final TargetStatus status;
  private final SmokeSettings settings;
  private final Map<String, ManagedChannel> channels =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Metrics> baseline = new HashMap<>();
  private Admin admin;
  private final Optional<oasis.security.ClientTls> tls;

  public SmokeContext(
      String environment,
      ProjectConfig project,
      Plan plan,
      TargetStatus status,
      SmokeSettings settings) {
    this(environment, project, plan, status, settings, Optional.empty());
  }

  /** With {@code tls}: gRPC with mutual TLS and Kafka over SASL_SSL as oasis (issue 18). */
  public SmokeContext(
      String environment,
      ProjectConfig project,
      Plan plan,
      TargetStatus status,
      SmokeSettings settings,
      Optional<oasis.security.ClientTls> tls) {
    this.environment = environment;
    this.project = project;
    this.plan = plan;
    this.status = status;
    this.settings = settings;
    this.tls = tls;
  }

  public String environment() {
    return environment;
  }

  public ProjectConfig project() {
    return project;
  }

  public Plan plan() {
    return plan;
  }

  public TargetStatus status() {
    return status;
  }

  public SmokeSettings settings() {
    return settings;
  }

  /** The stable instance of {@code component} as planned. */
  public Optional<PlannedInstance> planned(String component) {
    return plan.instances().stream()
        .filter(i -> i.component().equals(component) && RuntimeContract.STABLE.equals(i.track()))
        .findFirst();
  }

  /** The stable instance of {@code component} as observed. */
  public Optional<InstanceStatus> observed(String component) {
    return status.instances().stream()
        .filter(i -> i.component().equals(component) && RuntimeContract.STABLE.equals(i.track()))
        .findFirst();
  }

  /** A planned variable of {@code component}, else {@code fallback} (the service's default). */
  public String variable(String component, String name, String fallback) {
    return planned(component)
        .map(i -> i.env().get(name))
        .filter(v -> !v.isBlank())
        .orElse(fallback);
  }

  /** The named endpoint of the observed instance of {@code component}, or null. */
  public String endpoint(String component, String name) {
    return observed(component).map(i -> i.endpoints().get(name)).orElse(null);
  }

  /**
   * A gRPC channel (mutual TLS where the environment is secured) to {@code component}'s {@code
   * grpc} endpoint, or null when it has none; closed with the context.
   */
  public ManagedChannel channel(String component) {
    String address = endpoint(component, "grpc");
    if (address == null) {
      return null;
    }
    return channels.computeIfAbsent(
        address,
        a ->
            tls.isPresent()
                ? io.grpc.Grpc.newChannelBuilder(a, tls.get().grpc()).build()
                : ManagedChannelBuilder.forTarget(a).usePlaintext().build());
  }

  /** Scrapes {@code component}'s {@code /metrics}; throws IOException naming the URL. */
  public Metrics scrape(String component) throws IOException {
    String url = endpoint(component, "metrics");
    if (url == null) {
      throw new IOException(component + " has no metrics endpoint");
    }
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout((int) CALL_TIMEOUT.toMillis());
    c.setReadTimeout((int) CALL_TIMEOUT.toMillis());
    try {
      int code = c.getResponseCode();
      if (code != 200) {
        throw new IOException("GET " + url + " answered " + code);
      }
      String text;
      try (InputStream in = c.getInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      try {
        return Metrics.parse(text);
      } catch (IllegalArgumentException e) {
        throw new IOException("GET " + url + ": " + e.getMessage(), e);
      }
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains(url)) {
        throw e;
      }
      throw new IOException("GET " + url + " failed: " + e.getMessage(), e);
    } finally {
      c.disconnect();
    }
  }

  /** Scrapes every service once, before the probes: budgets then measure what came after. */
  void takeBaseline() {
    for (PlannedInstance i : plan.instances()) {
      if (i.kind() == InstanceKind.SERVICE) {
        try {
          baseline.put(i.component(), scrape(i.component()));
        } catch (IOException e) {
          // No baseline: the budget checks measure since the process started and say so.
          baseline.put(i.component(), null);
        }
      }
    }
  }

  /** The scrape taken before the probes, if it worked. */
  public Optional<Metrics> baseline(String component) {
    return Optional.ofNullable(baseline.get(component));
  }

  /**
   * The Kafka bootstrap servers: the target's broker, else the brokers the plan gives the services,
   * else null.
   */
  public String kafkaBootstrap() {
    for (InstanceStatus i : status.instances()) {
      if (i.kind() == InstanceKind.KAFKA && i.endpoints().containsKey("bootstrap")) {
        return i.endpoints().get("bootstrap");
      }
    }
    for (PlannedInstance i : plan.instances()) {
      String brokers = i.env().get("KAFKA_BROKERS");
      if (brokers != null && !brokers.isBlank()) {
        return brokers;
      }
    }
    return null;
  }

  /**
   * How long a Kafka call of smoke may take: 4 s in plaintext; 15 s over SASL_SSL, where the first
   * connection of a cold command pays the TLS handshake and SCRAM's key derivation (seconds on a
   * busy two-core machine, which made a healthy secured broker's topic check red).
   */
  public Duration kafkaCallTimeout() {
    return tls.isPresent() ? Duration.ofSeconds(15) : CALL_TIMEOUT.multipliedBy(2);
  }

  /** Kafka client properties for {@link #kafkaBootstrap()} with bounded timeouts. */
  public Properties kafkaProperties(String clientId) {
    Properties p = new Properties();
    int call = (int) kafkaCallTimeout().toMillis();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, call / 2);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, call);
    p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, call / 4);
    p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, call / 2);
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    tls.ifPresent(t -> p.putAll(t.kafka()));
    return p;
  }

  /** A Kafka admin client, created on first use. */
  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(kafkaProperties("oasis-smoke-admin"));
    }
    return admin;
  }

  /** The service components of the plan, in start order. */
  public List<String> services() {
    return plan.instances().stream()
        .filter(i -> i.kind() == InstanceKind.SERVICE && RuntimeContract.STABLE.equals(i.track()))
        .map(PlannedInstance::component)
        .toList();
  }

  @Override
  public synchronized void close() {
    for (ManagedChannel ch : channels.values()) {
      ch.shutdownNow();
    }
    for (ManagedChannel ch : channels.values()) {
      try {
        ch.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
