package oasis.service;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records per-method latency and errors of every gRPC call the server handles. The {@code traffic}
 * label tells oasis's analysis traffic (calls with the header {@code x-oasis-traffic: analysis})
 * from every other call ({@code organic}), so that dashboards and the canary judge can separate
 * them.
 */
final class GrpcMetricsInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> TRAFFIC =
      Metadata.Key.of("x-oasis-traffic", Metadata.ASCII_STRING_MARSHALLER);

  private final Histogram latency;
  private final Counter errors;

  GrpcMetricsInterceptor(ServiceMetrics metrics) {
    this.latency =
        metrics.latency(
            "grpc_server_handling_seconds",
            "Time from receiving a gRPC call to closing it, by method, status code and traffic.",
            "method",
            "code",
            "traffic");
    this.errors =
        metrics.counter(
            "grpc_server_errors_total",
            "gRPC calls that ended with a status other than OK, by method, status code and traffic.",
            "method",
            "code",
            "traffic");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Recorder recorder =
        new Recorder(
            call.getMethodDescriptor().getFullMethodName(),
            "analysis".equals(headers.get(TRAFFIC)) ? "analysis" : "organic");
    ServerCall<Q, R> recorded =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            recorder.record(status.getCode());
            super.close(status, trailers);
          }
        };
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(recorded, headers)) {
      @Override
      public void onCancel() {
        recorder.record(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }

  /** Records one call once, whichever of close or cancel comes first. */
  private final class Recorder {
    private final String method;
    private final String traffic;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean done = new AtomicBoolean();

    Recorder(String method, String traffic) {
      this.method = method;
      this.traffic = traffic;
    }

    void record(Status.Code code) {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      latency.labelValues(method, code.name(), traffic).observe(seconds);
      if (code != Status.Code.OK) {
        errors.labelValues(method, code.name(), traffic).inc();
      }
    }
  }
}
