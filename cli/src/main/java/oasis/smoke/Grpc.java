package oasis.smoke;

import io.grpc.StatusRuntimeException;

/** How gRPC failures read in smoke messages. */
final class Grpc {

  private Grpc() {}

  static String describe(StatusRuntimeException e) {
    String d = e.getStatus().getDescription();
    return e.getStatus().getCode() + (d == null || d.isBlank() ? "" : " (" + d + ")");
  }
}
