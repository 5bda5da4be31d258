package oasis.testservice;

import com.google.protobuf.Timestamp;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import oasis.ops.v1.GetInfoRequest;
import oasis.ops.v1.OpsGrpc;
import oasis.ops.v1.ServiceInfo;

/**
 * A small real service for the deploy tests, honouring the runtime contract of services/README.md:
 * ports from {@code <PREFIX>_METRICS_PORT}/{@code <PREFIX>_GRPC_PORT}, {@code /healthz}, {@code
 * /readyz}, gRPC health and {@code Ops/GetInfo}, SIGTERM. Told to misbehave by {@code
 * TEST_FAIL_READY=1}, {@code TEST_START_DELAY_MS}, or {@code ready=false} in its {@code
 * behaviour.properties} resource (a "bad build").
 */
public final class TestServiceMain {

  public static void main(String[] args) throws Exception {
    String component = env("OASIS_COMPONENT", "test-service");
    String prefix = component.toUpperCase(Locale.ROOT).replace('-', '_');
    int metricsPort = Integer.parseInt(env(prefix + "_METRICS_PORT", "0"));
    int grpcPort = Integer.parseInt(env(prefix + "_GRPC_PORT", "0"));
    Properties behaviour = new Properties();
    try (InputStream in = TestServiceMain.class.getResourceAsStream("/behaviour.properties")) {
      if (in != null) {
        behaviour.load(in);
      }
    }
    boolean failReady =
        "1".equals(env("TEST_FAIL_READY", "0")) || "false".equals(behaviour.getProperty("ready"));
    long delay = Long.parseLong(env("TEST_START_DELAY_MS", "0"));
    Instant started = Instant.now();
    System.out.println(component + " starting, version " + env("OASIS_VERSION", "0.0.0-dev"));
    if (delay > 0) {
      Thread.sleep(delay);
    }
    HealthStatusManager health = new HealthStatusManager();
    Server grpc =
        ServerBuilder.forPort(grpcPort)
            .addService(health.getHealthService())
            .addService(
                new OpsGrpc.OpsImplBase() {
                  @Override
                  public void getInfo(GetInfoRequest request, StreamObserver<ServiceInfo> out) {
                    out.onNext(
                        ServiceInfo.newBuilder()
                            .setComponent(component)
                            .setVersion(env("OASIS_VERSION", "0.0.0-dev"))
                            .setCommit(env("OASIS_COMMIT", "unknown"))
                            .setTrack(env("OASIS_TRACK", "stable"))
                            .setPid(ProcessHandle.current().pid())
                            .setStartTime(
                                Timestamp.newBuilder().setSeconds(started.getEpochSecond()))
                            .build());
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    HttpServer http = HttpServer.create(new InetSocketAddress(metricsPort), 16);
    http.setExecutor(Executors.newFixedThreadPool(2));
    http.createContext("/healthz", ex -> answer(ex, 200, "ok"));
    http.createContext(
        "/readyz",
        ex -> {
          String why = failReady ? "told to fail readiness" : redisProblem();
          answer(ex, why == null ? 200 : 503, why == null ? "ready" : why);
        });
    http.createContext(
        "/metrics",
        ex ->
            answer(
                ex,
                200,
                "test_up{version=\""
                    + env("OASIS_VERSION", "")
                    + "\",track=\""
                    + env("OASIS_TRACK", "stable")
                    + "\"} 1\n"));
    http.start();
    health.setStatus("", failReady ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
    System.out.println(component + " listening: metrics " + metricsPort + ", grpc " + grpcPort);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(component + " stopping on SIGTERM");
                  http.stop(0);
                  grpc.shutdown();
                  try {
                    grpc.awaitTermination(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    grpc.awaitTermination();
  }

  private static String redisProblem() {
    if (!"1".equals(env("RISK_USE_REDIS", "0"))) {
      return null;
    }
    URI uri = URI.create(env("REDIS_URL", "redis://127.0.0.1:6379"));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
      return null;
    } catch (IOException e) {
      return "redis " + uri + " unreachable";
    }
  }

  private static void answer(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }
}
