package oasis.acceptance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands where the Coinbase Exchange REST API would be for an order manager in real mode, answers
 * 503 to everything and records every request: any request at all is an order smoke must never
 * place.
 */
final class FakeExchange implements AutoCloseable {

  final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  FakeExchange() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
          ex.sendResponseHeaders(503, -1);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
