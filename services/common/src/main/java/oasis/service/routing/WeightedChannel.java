package oasis.service.routing;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import oasis.service.ServiceConfig;
import oasis.service.security.TransportSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC channel to one component that splits calls between its tracks (stable, canary, blue,
 * green) by the weights of the routes file, re-read the moment it changes (a file watch, and a poll
 * every 50 ms where no watch can be set or an event is lost), so a target shifts traffic live with
 * no restart. Without a routes file, or while the file gives the component no weight, every call
 * goes to the default address. Build stubs on it as on any channel.
 */
public final class WeightedChannel extends ManagedChannel {

  /** The variable that names the routes file. */
  public static final String ROUTES_FILE = "OASIS_ROUTES_FILE";

  static final Duration POLL = Duration.ofMillis(50);
  private static final Logger LOG = LoggerFactory.getLogger(WeightedChannel.class);

  private final String component;
  private final String defaultAddress;
  private final Path file;
  private final Function<String, ManagedChannel> factory;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final ManagedChannel defaultChannel;
  private final ScheduledExecutorService poller;
  private final Runnable unwatch;
  private volatile WeightedPicker picker = new WeightedPicker(List.of());
  private volatile byte[] lastContent;
  private volatile long generation;
  private volatile boolean shutdown;

  /**
   * A channel to {@code component}: weighted by the routes file that {@code OASIS_ROUTES_FILE}
   * names, else a plain channel to {@code defaultAddress}.
   */
  public static ManagedChannel forComponent(
      ServiceConfig config, String component, String defaultAddress) {
    String file = config.string(ROUTES_FILE, "");
    // Mutual TLS when OASIS_TLS_* are set: every channel to a peer presents our certificate.
    ChannelCredentials credentials = TransportSecurity.from(config).grpcChannel();
    if (file.isBlank()) {
      return channel(defaultAddress, credentials);
    }
    return new WeightedChannel(
        component, defaultAddress, Path.of(file), POLL, a -> channel(a, credentials));
  }

  static ManagedChannel plain(String address) {
    return channel(address, InsecureChannelCredentials.create());
  }

  static ManagedChannel channel(String address, ChannelCredentials credentials) {
    return Grpc.newChannelBuilder(address, credentials).build();
  }

  WeightedChannel(
      String component,
      String defaultAddress,
      Path file,
      Duration poll,
      Function<String, ManagedChannel> factory) {
    this.component = component;
    this.defaultAddress = defaultAddress;
    this.file = file;
    this.factory = factory;
    this.defaultChannel = factory.apply(defaultAddress);
    channels.put(defaultAddress, defaultChannel);
    reload();
    this.unwatch = RoutesWatch.watch(file, this::reloadLogged).orElse(() -> {});
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "routes-" + component);
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(
        this::reloadLogged, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reloadLogged() {
    try {
      reload();
    } catch (RuntimeException e) {
      // The poller must keep running: the next good version of the file takes effect.
      LOG.warn("routes file {} not applied, keeping the previous routes: {}", file, e.getMessage());
    }
  }

  /**
   * Re-reads the file if its content changed; a bad file keeps the previous routes. Synchronized:
   * the watch and the poll both call it.
   */
  synchronized void reload() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      content = new byte[0];
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (lastContent != null && java.util.Arrays.equals(content, lastContent)) {
      return;
    }
    Routes routes;
    try {
      routes = Routes.parse(new String(content, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      lastContent = content;
      throw new IllegalArgumentException(file + " " + e.getMessage(), e);
    }
    lastContent = content;
    List<Route> mine = routes.of(component);
    Set<String> wanted = new HashSet<>();
    wanted.add(defaultAddress);
    for (Route r : mine) {
      wanted.add(r.address());
      channels.computeIfAbsent(r.address(), factory);
    }
    picker = new WeightedPicker(mine);
    generation++;
    notifyAll();
    for (String address : new ArrayList<>(channels.keySet())) {
      if (!wanted.contains(address)) {
        ManagedChannel gone = channels.remove(address);
        gone.shutdown(); // in-flight calls finish; new ones no longer come here
      }
    }
    LOG.info("routes of {}: {}", component, mine.isEmpty() ? "default " + defaultAddress : mine);
  }

  /** The routes in force (empty: the default address). */
  public List<Route> routes() {
    return picker.routes();
  }

  /** How often the routes changed since start (1 after the first read). */
  public long generation() {
    return generation;
  }

  /** Waits until the routes changed after {@code seen}; false when {@code timeout} passed first. */
  synchronized boolean awaitGeneration(long seen, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (generation == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    Route r = picker.next();
    ManagedChannel ch = r == null ? defaultChannel : channels.get(r.address());
    return (ch == null ? defaultChannel : ch).newCall(method, options);
  }

  @Override
  public String authority() {
    return defaultChannel.authority();
  }

  @Override
  public void resetConnectBackoff() {
    channels.values().forEach(ManagedChannel::resetConnectBackoff);
  }

  @Override
  public ManagedChannel shutdown() {
    shutdown = true;
    poller.shutdownNow();
    unwatch.run();
    channels.values().forEach(ManagedChannel::shutdown);
    return this;
  }

  @Override
  public ManagedChannel shutdownNow() {
    shutdown = true;
    poller.shutdownNow();
    unwatch.run();
    channels.values().forEach(ManagedChannel::shutdownNow);
    return this;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && channels.values().stream().allMatch(ManagedChannel::isTerminated);
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (ManagedChannel ch : channels.values()) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !ch.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return true;
  }
}
