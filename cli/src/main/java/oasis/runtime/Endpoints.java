package oasis.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoints an instance's status names, by the contract's port names: {@code metrics} as the
 * URL of {@code /metrics}, {@code redis} as a Redis URL, any other as {@code host:port}. A target
 * supplies the host and the ports as they are reached.
 */
public final class Endpoints {

  private Endpoints() {}

  /**
   * The named endpoints at {@code host}; a port that is null (not published) has none.
   *
   * @param tls whether Redis speaks TLS ({@code rediss://})
   */
  public static Map<String, String> of(String host, Map<String, Integer> ports, boolean tls) {
    Map<String, String> endpoints = new LinkedHashMap<>();
    ports.forEach(
        (name, port) -> {
          if (port != null) {
            endpoints.put(
                name,
                switch (name) {
                  case "metrics" -> metrics(host, port);
                  case "redis" -> (tls ? "rediss://" : "redis://") + address(host, port);
                  default -> address(host, port);
                });
          }
        });
    return endpoints;
  }

  /** The URL of the {@code /metrics} a service serves on {@code port}. */
  public static String metrics(String host, int port) {
    return "http://" + address(host, port) + "/metrics";
  }

  /** {@code host:port}. */
  public static String address(String host, int port) {
    return host + ":" + port;
  }
}
