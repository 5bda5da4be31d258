package oasis.analysis.traffic;

import static oasis.analysis.traffic.AnalysisTraffic.HEADER;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import oasis.analysis.traffic.AnalysisTraffic.Endpoint;

/** The traffic of one track of one component: a labelled channel, counted calls. */
abstract class Flow {
  final Endpoint endpoint;
  final ManagedChannel channel;
  final AtomicLong calls = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int maxInFlight;
  volatile String lastFailure;

  Flow(Endpoint e, double rate) {
    this.endpoint = e;
    this.maxInFlight = (int) Math.max(4, Math.ceil(rate * 2));
    Metadata label = new Metadata();
    label.put(Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER), "analysis");
    this.channel =
        (e.credentials() == null
                ? ManagedChannelBuilder.forTarget(e.address()).usePlaintext()
                : io.grpc.Grpc.newChannelBuilder(e.address(), e.credentials()))
            .intercept(MetadataUtils.newAttachHeadersInterceptor(label))
            .build();
  }

  final void tick() {
    // calls queued while a channel connects would time out in the client, not in the service
    if (inFlight.get() >= maxInFlight
        || channel.getState(true) != io.grpc.ConnectivityState.READY) {
      return;
    }
    next();
  }

  /** Sends this flow's next call. */
  abstract void next();

  /** Ends what the flow left open; what is still open afterwards, or null. */
  String flatten() {
    return null;
  }

  <T> void send(ListenableFuture<T> call, Consumer<Object> onOk, Runnable always) {
    inFlight.incrementAndGet();
    calls.incrementAndGet();
    Futures.addCallback(
        call,
        new FutureCallback<T>() {
          @Override
          public void onSuccess(T r) {
            inFlight.decrementAndGet();
            onOk.accept(r);
            always.run();
          }

          @Override
          public void onFailure(Throwable t) {
            inFlight.decrementAndGet();
            failed.incrementAndGet();
            lastFailure = io.grpc.Status.fromThrowable(t).toString();
            always.run();
          }
        },
        MoreExecutors.directExecutor());
  }
}
