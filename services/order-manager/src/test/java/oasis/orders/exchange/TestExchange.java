package oasis.orders.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local exchange that speaks the part of the Coinbase Exchange REST API the order manager uses
 * ({@code POST /orders}, {@code GET} and {@code DELETE /orders/client:<client_oid>}, {@code GET
 * /fills?order_id=<id>}, {@code GET /time}), on loopback. Like Coinbase, it does not deduplicate
 * client_oid: every accepted POST is a new order, so a duplicate send shows up as two orders.
 * Faults are armed per client_oid, for the next POST of that order; fills are added by the test,
 * partially and later, each with its own trade id, and listed by {@code /fills}, which can be made
 * to fail. Every request is recorded (method, path, client_oid; never the signature or the
 * passphrase).
 */
public final class TestExchange implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the next POST of an order meets. */
  public enum Fault {
    /** Takes the order, then answers nothing until long after the caller's deadline. */
    ACCEPT_THEN_TIMEOUT,
    /** Takes the order, then answers 500 (the answer is lost, the order is not). */
    ACCEPT_THEN_500,
    /** Answers 503 without taking the order. */
    UNAVAILABLE_503,
    /** Answers 429 without taking the order. */
    RATE_LIMITED_429,
    /** Holds the request until {@link #release()}, then takes the order and answers (slow). */
    HOLD_THEN_ACCEPT
  }

  /** One request as the exchange saw it. */
  public record Request(String method, String path, String clientOid, String body) {}

  /** One order the exchange holds; {@code filled} and {@code executedValue} grow with fills. */
  private static final class Held {
    final String id = UUID.randomUUID().toString();
    final String clientOid;
    final String productId;
    final BigDecimal size;
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal executedValue = BigDecimal.ZERO;
    String status = "pending";
    String doneReason = "";
    final List<ObjectNode> fills = new ArrayList<>();

    Held(String clientOid, String productId, BigDecimal size) {
      this.clientOid = clientOid;
      this.productId = productId;
      this.size = size;
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile java.time.Duration clockOffset = java.time.Duration.ZERO;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, List<Held>> orders = new ConcurrentHashMap<>();
  private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong tradeIds =
      new java.util.concurrent.atomic.AtomicLong(1000);
  private volatile boolean fillsDown;

  private TestExchange(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free loopback port. */
  public static TestExchange start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TestExchange exchange = new TestExchange(server);
    server.createContext("/", exchange::handle);
    server.setExecutor(exchange.threads);
    server.start();
    return exchange;
  }

  /** Its base URL (plain http on loopback). */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Arms {@code fault} for the next POST of {@code clientOid}; several queue in order. */
  public void arm(String clientOid, Fault fault) {
    faults.computeIfAbsent(clientOid, k -> new ConcurrentLinkedQueue<>()).add(fault);
  }

  /** Moves the exchange's clock ({@code GET /time}) by {@code offset} from this machine's. */
  public void clockOffset(java.time.Duration offset) {
    clockOffset = offset;
  }

  /** Lets every held POST through. */
  public void release() {
    released.countDown();
  }

  /**
   * Fills {@code quantity} of the (first) order under {@code clientOid} at {@code price}, as one
   * trade with a new trade id; returns that id.
   */
  public synchronized String fill(String clientOid, String quantity, String price) {
    Held held = orders.get(clientOid).get(0);
    BigDecimal q = new BigDecimal(quantity);
    String tradeId = Long.toString(tradeIds.incrementAndGet());
    held.filled = held.filled.add(q);
    held.executedValue = held.executedValue.add(q.multiply(new BigDecimal(price)));
    held.fills.add(
        JSON.createObjectNode()
            .put("trade_id", Long.parseLong(tradeId))
            .put("order_id", held.id)
            .put("product_id", held.productId)
            .put("price", price)
            .put("size", quantity));
    boolean full = held.filled.compareTo(held.size) == 0;
    held.status = full ? "done" : "open";
    held.doneReason = full ? "filled" : "";
    return tradeId;
  }

  /** Makes {@code GET /fills} answer 503 ({@code true}) or work again. */
  public void fillsDown(boolean down) {
    fillsDown = down;
  }

  /** The quantity filled of the (first) order under {@code clientOid}. */
  public synchronized BigDecimal filled(String clientOid) {
    return orders.get(clientOid).get(0).filled;
  }

  /** How many orders the exchange holds under {@code clientOid} (more than one is a duplicate). */
  public int ordersFor(String clientOid) {
    List<Held> held = orders.get(clientOid);
    return held == null ? 0 : held.size();
  }

  /** Every client_oid with at least one order. */
  public List<String> clientOids() {
    return List.copyOf(orders.keySet());
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests with this method for this client_oid. */
  public List<Request> requests(String method, String clientOid) {
    List<Request> matching = new ArrayList<>();
    for (Request r : requests) {
      if (r.method().equals(method) && clientOid.equals(r.clientOid())) {
        matching.add(r);
      }
    }
    return matching;
  }

  private void handle(HttpExchange http) throws IOException {
    try (http) {
      String method = http.getRequestMethod();
      String path = http.getRequestURI().getPath();
      byte[] body = http.getRequestBody().readAllBytes();
      String clientOid =
          path.startsWith("/orders/client:")
              ? path.substring("/orders/client:".length())
              : method.equals("POST") ? JSON.readTree(body).path("client_oid").asText() : null;
      requests.add(new Request(method, path, clientOid, new String(body, StandardCharsets.UTF_8)));
      if (method.equals("GET") && path.equals("/time")) {
        // Unsigned, as at Coinbase: the exchange's clock, moved by the offset a test sets.
        BigDecimal epoch =
            BigDecimal.valueOf(System.currentTimeMillis() + clockOffset.toMillis())
                .movePointLeft(3);
        answer(http, method, path, null, 200, JSON.createObjectNode().put("epoch", epoch));
        return;
      }
      if (http.getRequestHeaders().getFirst("CB-ACCESS-SIGN") == null) {
        answer(http, method, path, null, 401, error("missing signature"));
        return;
      }
      if (method.equals("POST") && path.equals("/orders")) {
        post(http, JSON.readTree(body));
      } else if (method.equals("GET") && path.equals("/fills")) {
        fills(http, http.getRequestURI().getQuery());
      } else if (path.startsWith("/orders/client:")) {
        if (method.equals("GET")) {
          lookup(http, clientOid);
        } else if (method.equals("DELETE")) {
          cancel(http, clientOid);
        } else {
          answer(http, method, path, clientOid, 405, error("method not allowed"));
        }
      } else {
        answer(http, method, path, null, 404, error("NotFound"));
      }
    }
  }

  private void post(HttpExchange http, JsonNode order) throws IOException {
    String clientOid = order.path("client_oid").asText();
    Queue<Fault> armed = faults.get(clientOid);
    Fault fault = armed == null ? null : armed.poll();
    if (fault == Fault.UNAVAILABLE_503) {
      answer(http, "POST", "/orders", clientOid, 503, error("service unavailable"));
      return;
    }
    if (fault == Fault.RATE_LIMITED_429) {
      answer(http, "POST", "/orders", clientOid, 429, error("rate limit exceeded"));
      return;
    }
    if (fault == Fault.HOLD_THEN_ACCEPT) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Held held =
        new Held(
            clientOid,
            order.path("product_id").asText(),
            new BigDecimal(order.path("size").asText()));
    orders.computeIfAbsent(clientOid, k -> new CopyOnWriteArrayList<>()).add(held);
    if (fault == Fault.ACCEPT_THEN_500) {
      answer(http, "POST", "/orders", clientOid, 500, error("internal error"));
      return;
    }
    if (fault == Fault.ACCEPT_THEN_TIMEOUT) {
      try {
        // Holds the answer past any caller's deadline; released when the exchange closes.
        closing.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    answer(http, "POST", "/orders", clientOid, 200, view(held));
  }

  private void lookup(HttpExchange http, String clientOid) throws IOException {
    List<Held> held = orders.get(clientOid);
    if (held == null || held.isEmpty()) {
      answer(http, "GET", "/orders/client:" + clientOid, clientOid, 404, error("NotFound"));
    } else {
      answer(http, "GET", "/orders/client:" + clientOid, clientOid, 200, view(held.get(0)));
    }
  }

  private synchronized void fills(HttpExchange http, String query) throws IOException {
    if (fillsDown) {
      answer(http, "GET", "/fills", null, 503, error("service unavailable"));
      return;
    }
    String orderId = "";
    for (String part : query == null ? new String[0] : query.split("&")) {
      if (part.startsWith("order_id=")) {
        orderId = part.substring("order_id=".length());
      }
    }
    com.fasterxml.jackson.databind.node.ArrayNode list = JSON.createArrayNode();
    for (List<Held> held : orders.values()) {
      for (Held h : held) {
        if (h.id.equals(orderId)) {
          // Newest first, as Coinbase lists them.
          for (int i = h.fills.size() - 1; i >= 0; i--) {
            list.add(h.fills.get(i));
          }
        }
      }
    }
    answer(http, "GET", "/fills", null, 200, list);
  }

  private synchronized void cancel(HttpExchange http, String clientOid) throws IOException {
    List<Held> held = orders.get(clientOid);
    String path = "/orders/client:" + clientOid;
    if (held == null || held.isEmpty()) {
      answer(http, "DELETE", path, clientOid, 404, error("NotFound"));
      return;
    }
    if (held.get(0).status.equals("done")) {
      answer(http, "DELETE", path, clientOid, 400, error("Order already done"));
      return;
    }
    held.get(0).status = "done";
    held.get(0).doneReason = "canceled";
    answer(http, "DELETE", path, clientOid, 200, JSON.createObjectNode().put("id", held.get(0).id));
  }

  private synchronized ObjectNode view(Held held) {
    return JSON.createObjectNode()
        .put("id", held.id)
        .put("client_oid", held.clientOid)
        .put("product_id", held.productId)
        .put("size", held.size.toPlainString())
        .put("status", held.status)
        .put("done_reason", held.doneReason)
        .put("filled_size", held.filled.toPlainString())
        .put("executed_value", held.executedValue.toPlainString());
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("message", message);
  }

  private void answer(
      HttpExchange http, String method, String path, String clientOid, int status, JsonNode body)
      throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    http.getResponseHeaders().set("Content-Type", "application/json");
    http.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
