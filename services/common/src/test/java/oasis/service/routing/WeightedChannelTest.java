package oasis.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real gRPC over loopback: a stable and a canary server, a caller on a WeightedChannel. */
class WeightedChannelTest {

  @TempDir Path dir;
  Path routes;
  Server stable;
  Server canary;
  final AtomicInteger stableCalls = new AtomicInteger();
  final AtomicInteger canaryCalls = new AtomicInteger();
  WeightedChannel channel;

  @BeforeEach
  void start() throws Exception {
    routes = dir.resolve("routes");
    stable = server(stableCalls);
    canary = server(canaryCalls);
  }

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    stable.shutdownNow();
    canary.shutdownNow();
  }

  private static Server server(AtomicInteger counter) throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    ServerInterceptor count =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            counter.incrementAndGet();
            return next.startCall(call, headers);
          }
        };
    return Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .addService(ServerInterceptors.intercept(health.getHealthService(), count))
        .build()
        .start();
  }

  private String addr(Server s) {
    return "127.0.0.1:" + s.getPort();
  }

  /** Writes the file as a target does: temp file, then an atomic rename. */
  private void writeRoutes(int canaryWeight) throws Exception {
    String text =
        Routes.format(
            List.of(
                new Route("order-manager", "stable", addr(stable), 100 - canaryWeight),
                new Route("order-manager", "canary", addr(canary), canaryWeight),
                new Route("risk-engine", "canary", "127.0.0.1:1", 100)));
    Path tmp = dir.resolve(".routes.tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, routes, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private WeightedChannel open() {
    channel =
        new WeightedChannel(
            "order-manager", addr(stable), routes, WeightedChannel.POLL, WeightedChannel::plain);
    return channel;
  }

  private int canaryWeight() {
    return channel.routes().stream()
        .filter(r -> r.track().equals("canary"))
        .mapToInt(Route::weight)
        .sum();
  }

  private double canaryShare(int calls) {
    stableCalls.set(0);
    canaryCalls.set(0);
    HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(channel);
    for (int i = 0; i < calls; i++) {
      stub.withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
    }
    assertThat(stableCalls.get() + canaryCalls.get()).isEqualTo(calls);
    return canaryCalls.get() / (double) calls;
  }

  @Test
  void weightsZeroTwentyFiftyAndHundredGiveTheirShares() throws Exception {
    for (int weight : new int[] {0, 20, 50, 100}) {
      writeRoutes(weight);
      open();
      double share = canaryShare(500);
      assertThat(share)
          .as("canary share at weight %d", weight)
          .isBetween(weight / 100.0 - 0.02, weight / 100.0 + 0.02);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      channel = null;
    }
  }

  @Test
  void aLiveChangeTakesEffectWithoutRestartWithinAPollOrTwo() throws Exception {
    writeRoutes(0);
    open();
    assertThat(canaryShare(100)).isZero();
    long before = channel.generation();
    writeRoutes(50);
    assertThat(channel.awaitGeneration(before, Duration.ofSeconds(1))).as("re-read").isTrue();
    assertThat(canaryShare(200)).isBetween(0.48, 0.52);
    before = channel.generation();
    writeRoutes(0);
    assertThat(channel.awaitGeneration(before, Duration.ofSeconds(1))).as("re-read").isTrue();
    assertThat(canaryShare(100)).as("back to stable").isZero();
  }

  @Test
  void aChangeIsSeenAtOnceByTheFileWatchNotAtTheNextPoll() throws Exception {
    // no poll due for an hour: only the watch can see the writes
    channel =
        new WeightedChannel(
            "order-manager", addr(stable), routes, Duration.ofHours(1), WeightedChannel::plain);
    assertThat(channel.routes()).as("no file yet").isEmpty();
    long before = channel.generation();
    writeRoutes(100);
    assertThat(channel.awaitGeneration(before, Duration.ofSeconds(2)))
        .as("a new file seen by the watch")
        .isTrue();
    // the routes in force, not calls: the shares are the other tests' (a first call to a new
    // channel may take seconds on a loaded machine)
    assertThat(canaryWeight()).isEqualTo(100);
    before = channel.generation();
    writeRoutes(0);
    assertThat(channel.awaitGeneration(before, Duration.ofSeconds(2)))
        .as("a replaced file seen by the watch")
        .isTrue();
    assertThat(canaryWeight()).as("every call back on stable").isZero();
  }

  @Test
  void withoutAFileOrWithABadOneCallsGoToTheDefaultOrKeepThePreviousRoutes() throws Exception {
    open();
    assertThat(channel.routes()).isEmpty();
    assertThat(canaryShare(50)).as("no file: default address").isZero();
    writeRoutes(100);
    channel.reload();
    assertThat(canaryShare(50)).isEqualTo(1.0);
    // Atomically, as a target writes it: written in place, the poller could read the truncated
    // (empty) file between the two steps, which rightly means "no routes".
    Path tmp = dir.resolve(".routes.tmp");
    Files.writeString(tmp, "order-manager canary nonsense\n");
    Files.move(tmp, routes, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    long before = channel.generation();
    // the watch may read the bad file first (and log its error): after this call it was read
    try {
      channel.reload();
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageContaining("line 1");
    }
    assertThat(channel.generation()).as("a bad file changes no route").isEqualTo(before);
    assertThat(canaryShare(50)).as("previous routes kept").isEqualTo(1.0);
  }

  @Test
  void theFileFormatRejectsBadLinesWithTheirNumber() {
    assertThat(Routes.parse("# c\n\na stable h:1 10 # note\n").of("a")).hasSize(1);
    assertThatThrownBy(() -> Routes.parse("a stable h:1 101\n"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("0..100");
    assertThatThrownBy(() -> Routes.parse("\na stable h 1\n")).hasMessageContaining("line 2");
  }
}
