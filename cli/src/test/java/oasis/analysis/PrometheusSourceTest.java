package oasis.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import oasis.core.OasisException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback that answers like Prometheus' /api/v1/query. */
class PrometheusSourceTest {

  HttpServer server;
  final List<String> queries = new ArrayList<>();
  volatile String answer;
  volatile int status = 200;
  PrometheusSource source;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query",
        ex -> {
          String q = ex.getRequestURI().getRawQuery();
          queries.add(URLDecoder.decode(q.substring("query=".length()), StandardCharsets.UTF_8));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    source =
        new PrometheusSource(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            "job=\"$component\"",
            Duration.ofSeconds(2),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void snapshotSelectsTheTrackAndComponentAndReadsTheVector() {
    answer =
        """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"__name__":"grpc_server_errors_total","method":"a/B","track":"canary"},"value":[1700000000.1,"7"]},
          {"metric":{"__name__":"grpc_server_handling_seconds_bucket","le":"+Inf","track":"canary"},"value":[1700000000.1,"20"]}
        ]}}
        """;
    Snapshot s =
        source.snapshot(
            "order-manager",
            "canary",
            List.of("grpc_server_errors_total", "grpc_server_handling_seconds_bucket"));
    assertThat(queries.get(0))
        .isEqualTo(
            "{__name__=~\"grpc_server_errors_total|grpc_server_handling_seconds_bucket\","
                + "track=\"canary\",job=\"order-manager\"}");
    assertThat(s.sum("grpc_server_errors_total", List.of())).isEqualTo(7);
    assertThat(s.buckets("grpc_server_handling_seconds", List.of()))
        .containsEntry(Double.POSITIVE_INFINITY, 20.0);
  }

  @Test
  void aCustomQueryGivesOneValueWithTrackAndComponentFilledIn() {
    answer =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
            + "[{\"metric\":{},\"value\":[1,\"0.25\"]}]}}";
    assertThat(
            source.query(
                "risk-engine", "canary", "sum(rate(x{track=\"$track\",job=\"$component\"}[1m]))"))
        .hasValue(0.25);
    assertThat(queries.get(0)).isEqualTo("sum(rate(x{track=\"canary\",job=\"risk-engine\"}[1m]))");
    answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"3\"]}}";
    assertThat(source.query("risk-engine", "stable", "3")).hasValue(3);
    answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
    assertThat(source.query("risk-engine", "stable", "x")).isEmpty();
  }

  @Test
  void aRefusedQueryFailsNamingServerAndError() {
    status = 400;
    answer =
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 3\"}";
    assertThatThrownBy(() -> source.query("a", "canary", "sum(("))
        .isInstanceOf(OasisException.class)
        .hasMessageContaining("refused 'sum(('")
        .hasMessageContaining("parse error at char 3");
  }
}
