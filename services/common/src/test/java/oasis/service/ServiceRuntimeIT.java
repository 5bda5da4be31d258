package oasis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import oasis.ops.v1.GetInfoRequest;
import oasis.ops.v1.OpsGrpc;
import oasis.ops.v1.ServiceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import trading.contracts.RiskValidatorGrpc;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/** The kit started in-process, driven over real loopback gRPC and HTTP. */
class ServiceRuntimeIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final AtomicBoolean redisUp = new AtomicBoolean(true);
  private ServiceRuntime runtime;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (runtime != null) {
      runtime.shutdown();
    }
  }

  private void start(Map<String, String> extra, RiskValidatorGrpc.RiskValidatorImplBase service)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("RISK_GRPC_PORT", "0");
    env.put("RISK_METRICS_PORT", "0");
    env.put("OASIS_VERSION", "1.4.0");
    env.put("OASIS_COMMIT", "abc1234");
    env.put("OASIS_TRACK", "canary");
    env.putAll(extra);
    runtime =
        ServiceRuntime.builder("risk-engine", "RISK", ServiceConfig.of(env))
            .readinessInterval(Duration.ofMillis(100))
            .grpcService(service)
            .readinessCheck("redis", redisUp::get)
            .start();
    channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", runtime.grpcPort(), InsecureChannelCredentials.create())
            .build();
  }

  @Test
  void healthAndReadyzFollowTheReadinessChecks() throws Exception {
    start(Map.of(), new ApprovingRisk());

    assertThat(health()).isEqualTo(ServingStatus.SERVING);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);

    redisUp.set(false);
    eventually(() -> health() == ServingStatus.NOT_SERVING, "health NOT_SERVING");
    HttpResponse<String> notReady = get("/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("redis: not ready\n");
    assertThat(get("/healthz").statusCode()).as("liveness is not readiness").isEqualTo(200);
    assertThat(get("/metrics").body())
        .contains("oasis_service_ready{track=\"canary\",version=\"1.4.0\"} 0.0");

    redisUp.set(true);
    eventually(() -> health() == ServingStatus.SERVING, "health SERVING again");
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void getInfoReportsTheReleaseAndTheProcess() throws Exception {
    start(Map.of(), new ApprovingRisk());

    ServiceInfo info =
        OpsGrpc.newBlockingStub(channel).getInfo(GetInfoRequest.getDefaultInstance());

    assertThat(info.getComponent()).isEqualTo("risk-engine");
    assertThat(info.getVersion()).isEqualTo("1.4.0");
    assertThat(info.getCommit()).isEqualTo("abc1234");
    assertThat(info.getTrack()).isEqualTo("canary");
    assertThat(info.getPid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(info.getInstanceId())
        .isEqualTo("risk-engine-canary-" + ProcessHandle.current().pid());
    assertThat(info.getStartTime().getSeconds())
        .isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000);
  }

  @Test
  void reflectionListsHealthOpsAndTheServiceOwnRpcs() throws Exception {
    start(Map.of(), new ApprovingRisk());
    CompletableFuture<List<String>> names = new CompletableFuture<>();

    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    names.complete(
                        response.getListServicesResponse().getServiceList().stream()
                            .map(ServiceResponse::getName)
                            .toList());
                  }

                  @Override
                  public void onError(Throwable t) {
                    names.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();

    assertThat(names.get(30, TimeUnit.SECONDS))
        .contains("grpc.health.v1.Health", "oasis.ops.v1.Ops", "trading.contracts.RiskValidator");
  }

  @Test
  void metricsCountEachMethodWithCodeTrafficVersionAndTrack() throws Exception {
    start(Map.of(), new ApprovingRisk());
    RiskValidatorGrpc.RiskValidatorBlockingStub risk = RiskValidatorGrpc.newBlockingStub(channel);
    Metadata analysis = new Metadata();
    analysis.put(Metadata.Key.of("x-oasis-traffic", Metadata.ASCII_STRING_MARSHALLER), "analysis");

    risk.validateSignal(TradingSignal.newBuilder().setSymbol("BTC-USD").build());
    risk.validateSignal(TradingSignal.newBuilder().setSymbol("BTC-USD").build());
    risk.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(analysis))
        .validateSignal(TradingSignal.newBuilder().setSymbol("BTC-USD").build());
    String metrics = get("/metrics").body();

    assertThat(metrics)
        .contains(
            "grpc_server_handling_seconds_count{code=\"OK\",method=\"trading.contracts.RiskValidator/ValidateSignal\",track=\"canary\",traffic=\"organic\",version=\"1.4.0\"} 2")
        .contains(
            "grpc_server_handling_seconds_count{code=\"OK\",method=\"trading.contracts.RiskValidator/ValidateSignal\",track=\"canary\",traffic=\"analysis\",version=\"1.4.0\"} 1")
        .contains(
            "oasis_service_info{commit=\"abc1234\",component=\"risk-engine\",instance_id=\"risk-engine-canary-")
        .contains("process_cpu_seconds_total{track=\"canary\",version=\"1.4.0\"}")
        .contains("jvm_memory_used_bytes{area=\"heap\",track=\"canary\",version=\"1.4.0\"}")
        .doesNotContain("grpc_server_errors_total{");
  }

  @Test
  void metricsPassPrometheusOwnChecker() throws Exception {
    start(Map.of("OASIS_FAULT_ERROR_RATE", "0.5"), new ApprovingRisk());
    RiskValidatorGrpc.RiskValidatorBlockingStub risk = RiskValidatorGrpc.newBlockingStub(channel);
    for (int i = 0; i < 20; i++) {
      try {
        risk.validateSignal(TradingSignal.getDefaultInstance());
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      }
    }
    String metrics = get("/metrics").body();

    Promtool.Result check = Promtool.checkMetrics(metrics);

    assertThat(check.exitCode()).as("promtool check metrics: %s", check.output()).isZero();
  }

  @Test
  void faultInjectionFailsTheServiceOwnCallsOnlyAndShowsInMetrics() throws Exception {
    start(Map.of("OASIS_FAULT_ERROR_RATE", "1"), new ApprovingRisk());
    RiskValidatorGrpc.RiskValidatorBlockingStub risk = RiskValidatorGrpc.newBlockingStub(channel);

    assertThatThrownBy(() -> risk.validateSignal(TradingSignal.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(
            OpsGrpc.newBlockingStub(channel)
                .getInfo(GetInfoRequest.getDefaultInstance())
                .getVersion())
        .as("ops is exempt")
        .isEqualTo("1.4.0");
    assertThat(health()).as("health is exempt").isEqualTo(ServingStatus.SERVING);
    assertThat(get("/metrics").body())
        .contains(
            "grpc_server_errors_total{code=\"UNAVAILABLE\",method=\"trading.contracts.RiskValidator/ValidateSignal\",track=\"canary\",traffic=\"organic\",version=\"1.4.0\"} 1.0");
  }

  @Test
  void injectedLatencyDelaysTheServiceOwnCalls() throws Exception {
    start(Map.of("OASIS_FAULT_LATENCY_MS", "300"), new ApprovingRisk());
    RiskValidatorGrpc.RiskValidatorBlockingStub risk = RiskValidatorGrpc.newBlockingStub(channel);
    risk.validateSignal(TradingSignal.getDefaultInstance());

    long start = System.nanoTime();
    SignalValidationResponse response = risk.validateSignal(TradingSignal.getDefaultInstance());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.getApproved()).isTrue();
    assertThat(millis).isBetween(300L, 3_000L);
  }

  @Test
  void shutdownDrainsTheInFlightCallThenRunsTheHooks() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean hookRan = new AtomicBoolean();
    Map<String, String> env =
        Map.of("RISK_GRPC_PORT", "0", "RISK_METRICS_PORT", "0", "OASIS_VERSION", "1.4.0");
    runtime =
        ServiceRuntime.builder("risk-engine", "RISK", ServiceConfig.of(env))
            .grpcService(new SlowRisk(entered, release))
            .onShutdown("producer flush", () -> hookRan.set(release.getCount() == 0))
            .start();
    channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", runtime.grpcPort(), InsecureChannelCredentials.create())
            .build();
    var pending =
        RiskValidatorGrpc.newFutureStub(channel).validateSignal(TradingSignal.getDefaultInstance());
    // A bound, not a wait: the first call of a cold client and server under a loaded build can
    // take seconds to arrive.
    assertThat(entered.await(30, TimeUnit.SECONDS)).as("the call reached the service").isTrue();

    CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(runtime::shutdown);
    eventually(() -> !runtime.refreshReadiness().ready(), "not ready while draining");
    assertThat(stopped).as("waits for the in-flight call").isNotDone();
    release.countDown();

    assertThat(pending.get(30, TimeUnit.SECONDS).getApproved()).isTrue();
    assertThat(stopped.get(10, TimeUnit.SECONDS)).as("clean stop").isTrue();
    assertThat(hookRan).as("hook ran after the call drained").isTrue();
  }

  private ServingStatus health() {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("").build())
        .getStatus();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.metricsPort() + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void eventually(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Approves every signal. */
  private static final class ApprovingRisk extends RiskValidatorGrpc.RiskValidatorImplBase {
    @Override
    public void validateSignal(
        TradingSignal request, StreamObserver<SignalValidationResponse> response) {
      response.onNext(SignalValidationResponse.newBuilder().setApproved(true).build());
      response.onCompleted();
    }
  }

  /** Approves once released, to keep a call in flight. */
  private static final class SlowRisk extends RiskValidatorGrpc.RiskValidatorImplBase {
    private final CountDownLatch entered;
    private final CountDownLatch release;

    SlowRisk(CountDownLatch entered, CountDownLatch release) {
      this.entered = entered;
      this.release = release;
    }

    @Override
    public void validateSignal(
        TradingSignal request, StreamObserver<SignalValidationResponse> response) {
      entered.countDown();
      try {
        if (!release.await(10, TimeUnit.SECONDS)) {
          response.onError(Status.DEADLINE_EXCEEDED.asRuntimeException());
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response.onError(Status.CANCELLED.asRuntimeException());
        return;
      }
      response.onNext(SignalValidationResponse.newBuilder().setApproved(true).build());
      response.onCompleted();
    }
  }
}
