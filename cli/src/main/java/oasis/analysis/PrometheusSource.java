package oasis.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import oasis.core.Json;
import oasis.core.OasisException;

/**
 * Reads metrics from a Prometheus server's HTTP API ({@code /api/v1/query}): the same counters as
 * {@link ScrapeSource}, selected by {@code track} and a configurable selector that names the
 * component (by default {@code job="<component>"}), and custom PromQL queries.
 */
public final class PrometheusSource implements MetricSource {

  private final URI base;
  private final String selector;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param base the server, e.g. {@code http://127.0.0.1:9090}
   * @param selector extra matchers with {@code $component} replaced, e.g. {@code job="$component"};
   *     empty for none
   */
  public PrometheusSource(URI base, String selector, Duration timeout, Clock clock) {
    this.base = base;
    this.selector = selector == null ? "" : selector.strip();
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public Snapshot snapshot(String component, String track, List<String> metrics) {
    String query =
        "{__name__=~\""
            + String.join("|", metrics)
            + "\","
            + LabelMatcher.eq("track", track).promQl()
            + (selector.isEmpty() ? "" : "," + selector.replace("$component", component))
            + "}";
    JsonNode data = get(query);
    List<Sample> out = new ArrayList<>();
    for (JsonNode series : data.path("result")) {
      Map<String, String> labels = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields();
          it.hasNext(); ) {
        var e = it.next();
        labels.put(e.getKey(), e.getValue().asText());
      }
      String name = labels.remove("__name__");
      out.add(new Sample(name, labels, PromText.value(series.path("value").path(1).asText())));
    }
    return new Snapshot(clock.instant(), out);
  }

  @Override
  public OptionalDouble query(String component, String track, String promQl) {
    JsonNode data = get(promQl.replace("$track", track).replace("$component", component));
    String type = data.path("resultType").asText();
    JsonNode value;
    if ("scalar".equals(type)) {
      value = data.path("result").path(1);
    } else if ("vector".equals(type)) {
      JsonNode result = data.path("result");
      if (result.size() == 0) {
        return OptionalDouble.empty();
      }
      if (result.size() > 1) {
        throw OasisException.badInput(
            "the query '" + promQl + "' gives " + result.size() + " series for track " + track,
            "Aggregate it to one value, e.g. with sum(...).");
      }
      value = result.get(0).path("value").path(1);
    } else {
      throw OasisException.badInput(
          "the query '" + promQl + "' gives a " + type + ", not one value",
          "Write an instant query that gives a scalar or one series.");
    }
    double v = PromText.value(value.asText());
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private JsonNode get(String query) {
    URI uri =
        base.resolve("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = Json.mapper().readTree(r.body());
      if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw OasisException.failed(
            "Prometheus at "
                + base
                + " refused '"
                + query
                + "' (HTTP "
                + r.statusCode()
                + "): "
                + body.path("error").asText(r.body()),
            "Check the query, and that the server scrapes the services.");
      }
      return body.path("data");
    } catch (IOException e) {
      throw OasisException.failed(
          "cannot query Prometheus at " + base + ": " + e.getMessage(),
          "Check analysis.prometheus.url in oasis.yaml and that the server runs.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted querying " + base, null, e);
    }
  }

  @Override
  public boolean supportsQueries() {
    return true;
  }

  @Override
  public String describe() {
    return "prometheus " + base;
  }
}
