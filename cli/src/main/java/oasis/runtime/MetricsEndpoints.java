package oasis.runtime;

import java.util.List;

/**
 * Where the instances of a component's track serve {@code /metrics}, known from what the target was
 * asked to run (no probing: an analysis reads them every few seconds).
 */
public interface MetricsEndpoints {

  /** The {@code /metrics} URLs of {@code component}'s instances on {@code track}. */
  List<String> metrics(String component, String track);

  /**
   * The gRPC addresses ({@code host:port}, reachable from this machine) of {@code component}'s
   * instances on {@code track}, for analysis traffic; none when the target cannot say.
   */
  default List<String> grpc(String component, String track) {
    return List.of();
  }
}
