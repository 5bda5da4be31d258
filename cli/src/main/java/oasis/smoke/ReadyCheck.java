package oasis.smoke;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import oasis.ops.v1.GetInfoRequest;
import oasis.ops.v1.OpsGrpc;
import oasis.ops.v1.ServiceInfo;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.PlannedInstance;

/**
 * An instance runs and is ready as its target observes it; a service also reports, through {@code
 * Ops/GetInfo}, the version the plan gave it.
 */
final class ReadyCheck implements SmokeCheck {

  private final String component;

  ReadyCheck(String component) {
    this.component = component;
  }

  @Override
  public String name() {
    return "ready/" + component;
  }

  @Override
  public SmokeCheckResult run(SmokeContext ctx) {
    Optional<InstanceStatus> seen = ctx.observed(component);
    if (seen.isEmpty()) {
      return SmokeCheckResult.fail(component, "the target reports no instance of " + component);
    }
    InstanceStatus s = seen.get();
    if (!s.running()) {
      return SmokeCheckResult.fail(
          component, "not running" + (s.detail() == null ? "" : ": " + s.detail()) + restarts(s));
    }
    if (!s.ready()) {
      return SmokeCheckResult.fail(
          component,
          "not ready: " + (s.detail() == null ? "(no reason given)" : s.detail()) + restarts(s));
    }
    if (s.kind() != InstanceKind.SERVICE) {
      return SmokeCheckResult.pass(component, "ready" + endpoints(s));
    }
    String expected =
        ctx.planned(component)
            .map(PlannedInstance::env)
            .map(e -> e.get("OASIS_VERSION"))
            .orElse(null);
    ManagedChannel ch = ctx.channel(component);
    if (ch == null) {
      return SmokeCheckResult.fail(component, "no gRPC endpoint to ask Ops/GetInfo");
    }
    ServiceInfo info;
    try {
      info =
          OpsGrpc.newBlockingStub(ch)
              .withDeadlineAfter(SmokeContext.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .getInfo(GetInfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      return SmokeCheckResult.fail(
          component,
          "Ops/GetInfo at " + ctx.endpoint(component, "grpc") + " failed: " + Grpc.describe(e));
    }
    if (expected != null && !expected.equals(info.getVersion())) {
      return SmokeCheckResult.fail(
          component,
          "reports version '"
              + info.getVersion()
              + "', the deployed revision expects '"
              + expected
              + "'");
    }
    return SmokeCheckResult.pass(
        component, "ready, version " + info.getVersion() + ", track " + info.getTrack());
  }

  private static String restarts(InstanceStatus s) {
    return s.restarts() == 0 ? "" : " (restarted " + s.restarts() + " times)";
  }

  private static String endpoints(InstanceStatus s) {
    return s.endpoints().isEmpty() ? "" : " at " + String.join(" ", s.endpoints().values());
  }
}
