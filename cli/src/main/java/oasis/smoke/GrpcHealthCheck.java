package oasis.smoke;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.TimeUnit;

/** {@code grpc.health.v1.Health/Check} for service "" answers SERVING. */
final class GrpcHealthCheck implements SmokeCheck {

  private final String component;

  GrpcHealthCheck(String component) {
    this.component = component;
  }

  @Override
  public String name() {
    return "grpc-health/" + component;
  }

  @Override
  public SmokeCheckResult run(SmokeContext ctx) {
    ManagedChannel ch = ctx.channel(component);
    if (ch == null) {
      return SmokeCheckResult.fail(
          component, "the target reports no gRPC endpoint for " + component);
    }
    String at = ctx.endpoint(component, "grpc");
    try {
      HealthCheckResponse r =
          HealthGrpc.newBlockingStub(ch)
              .withDeadlineAfter(SmokeContext.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .check(HealthCheckRequest.newBuilder().setService("").build());
      return r.getStatus() == HealthCheckResponse.ServingStatus.SERVING
          ? SmokeCheckResult.pass(component, "SERVING at " + at)
          : SmokeCheckResult.fail(component, "gRPC health at " + at + " is " + r.getStatus());
    } catch (StatusRuntimeException e) {
      return SmokeCheckResult.fail(
          component, "gRPC health at " + at + " failed: " + Grpc.describe(e));
    }
  }
}
