package oasis.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP side of the service on its metrics port: {@code /metrics}, {@code /healthz}, {@code
 * /readyz}.
 */
final class ProbeHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, Threads.daemon("http"));

  ProbeHttpServer(int port, ServiceMetrics metrics, Readiness readiness) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> metrics(exchange, metrics));
    server.createContext("/healthz", exchange -> respond(exchange, 200, "ok\n"));
    server.createContext(
        "/readyz",
        exchange -> {
          ReadinessState state = readiness.current();
          respond(exchange, state.ready() ? 200 : 503, state.reason() + "\n");
        });
    server.setExecutor(executor);
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void metrics(HttpExchange exchange, ServiceMetrics metrics) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", ServiceMetrics.textContentType());
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        metrics.writeText(body);
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    try (exchange) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
