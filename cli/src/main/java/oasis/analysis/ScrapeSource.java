package oasis.analysis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BiFunction;
import oasis.core.OasisException;

/**
 * Reads the services' own {@code /metrics} endpoints (no Prometheus server needed): each instance
 * of a track is scraped and its samples summed.
 */
public final class ScrapeSource implements MetricSource {

  private final BiFunction<String, String, List<URI>> endpoints;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param endpoints component and track to the {@code /metrics} URLs of its instances
   */
  public ScrapeSource(
      BiFunction<String, String, List<URI>> endpoints, Duration timeout, Clock clock) {
    this.endpoints = endpoints;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public Snapshot snapshot(String component, String track, List<String> metrics) {
    Set<String> wanted = Set.copyOf(metrics);
    List<Sample> out = new ArrayList<>();
    for (URI uri : endpoints.apply(component, track)) {
      for (Sample s : scrape(uri)) {
        if (wanted.contains(s.name())) {
          out.add(s);
        }
      }
    }
    return new Snapshot(clock.instant(), out);
  }

  private List<Sample> scrape(URI uri) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw OasisException.failed(
            "scraping " + uri + " answered HTTP " + r.statusCode(),
            "Check the instance with 'oasis status' and its log with 'oasis logs'.");
      }
      return PromText.parse(r.body());
    } catch (IOException e) {
      throw OasisException.failed(
          "cannot scrape " + uri + ": " + e.getMessage(),
          "Check the instance with 'oasis status' and its log with 'oasis logs'.");
    } catch (IllegalArgumentException e) {
      throw OasisException.failed(
          "the metrics of " + uri + " are not valid Prometheus text: " + e.getMessage(),
          "The service's /metrics writer is broken: see its log.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted scraping " + uri, null, e);
    }
  }

  @Override
  public OptionalDouble query(String component, String track, String promQl) {
    throw new UnsupportedOperationException("custom queries need a Prometheus server");
  }

  @Override
  public boolean supportsQueries() {
    return false;
  }

  @Override
  public String describe() {
    return "the instances' /metrics";
  }
}
