package oasis.service;

import java.util.Map;

/** The metrics and gRPC ports each service uses unless told otherwise (as in oasis.yaml). */
record DefaultPorts(int metrics, int grpc) {
  private static final Map<String, DefaultPorts> BY_PREFIX =
      Map.of(
          "CONNECTOR", new DefaultPorts(9091, 50053),
          "STRATEGY", new DefaultPorts(9092, 50054),
          "RISK", new DefaultPorts(9093, 50051),
          "ORDER_MANAGER", new DefaultPorts(9094, 50052),
          "NORMALIZER", new DefaultPorts(9095, 50055));

  /** The known defaults of a prefix; any free port for an unknown one. */
  static DefaultPorts of(String prefix) {
    return BY_PREFIX.getOrDefault(prefix, new DefaultPorts(0, 0));
  }
}
