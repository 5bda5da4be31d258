package oasis.runtime;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import oasis.ops.v1.GetInfoRequest;
import oasis.ops.v1.OpsGrpc;
import oasis.ops.v1.ServiceInfo;

/**
 * Readiness and liveness probes of the runtime contract (services/README.md). Each probe is bounded
 * (one second for the answer, and for gRPC at most three more to connect) and returns null when it
 * passes, else a reason that names host and port.
 */
public final class Probes {

  public static final String HOST = "127.0.0.1";
  private static final int TIMEOUT_MS = 1000;

  /**
   * How long a gRPC probe may spend connecting before its one-second call begins: this process's
   * own channel set-up (netty's event loop, TLS) takes most of a second on a loaded 2-core machine.
   */
  private static final int CONNECT_MS = 3000;

  private static final java.util.concurrent.atomic.AtomicBoolean WARM =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Probes() {}

  /** GET {@code path} on {@code port}: null on 200, else the status and body's first line. */
  public static String http(int port, String path) {
    HttpURLConnection c = null;
    try {
      c =
          (HttpURLConnection)
              URI.create("http://" + HOST + ":" + port + path).toURL().openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      int code = c.getResponseCode();
      if (code == 200) {
        drain(c.getInputStream());
        return null;
      }
      InputStream err = c.getErrorStream();
      String body =
          err == null ? "" : new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
      return "GET http://"
          + HOST
          + ":"
          + port
          + path
          + " answered "
          + code
          + (body.isEmpty() ? "" : ": " + body.lines().findFirst().orElse(""));
    } catch (IOException e) {
      return "GET http://" + HOST + ":" + port + path + " failed: " + e.getMessage();
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  /** gRPC {@code grpc.health.v1.Health/Check} for service "": null when SERVING. */
  public static String grpcHealth(int port) {
    return grpcHealth(port, null);
  }

  /** The same with {@code credentials} (mutual TLS); null: plaintext. */
  public static String grpcHealth(int port, io.grpc.ChannelCredentials credentials) {
    ManagedChannel ch = connected(channel(port, credentials));
    try {
      HealthCheckResponse r =
          HealthGrpc.newBlockingStub(ch)
              .withDeadlineAfter(TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .check(HealthCheckRequest.newBuilder().setService("").build());
      return r.getStatus() == HealthCheckResponse.ServingStatus.SERVING
          ? null
          : "gRPC health at " + HOST + ":" + port + " is " + r.getStatus();
    } catch (StatusRuntimeException e) {
      return "gRPC health at "
          + HOST
          + ":"
          + port
          + " failed: "
          + e.getStatus().getCode()
          + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription());
    } finally {
      close(ch);
    }
  }

  /**
   * Loads and links what the probes need (HTTP; netty, the stubs, protobuf) with calls to a port
   * nobody listens on: about a second of CPU on a busy small machine, better spent while the
   * services boot than on the first probe of a ready one.
   */
  public static void warmUp() {
    if (!WARM.compareAndSet(false, true)) {
      return; // once per process
    }
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      int port = free.getLocalPort();
      free.close();
      http(port, "/readyz");
      grpcHealth(port);
    } catch (IOException | RuntimeException e) {
      // only a warm-up: the real probes report their own failures
    }
  }

  /** {@code oasis.ops.v1.Ops/GetInfo}, or null when the process does not answer it. */
  public static ServiceInfo info(int port) {
    return info(port, null);
  }

  /** The same with {@code credentials} (mutual TLS); null: plaintext. */
  public static ServiceInfo info(int port, io.grpc.ChannelCredentials credentials) {
    ManagedChannel ch = connected(channel(port, credentials));
    try {
      return OpsGrpc.newBlockingStub(ch)
          .withDeadlineAfter(TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .getInfo(GetInfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      return null;
    } finally {
      close(ch);
    }
  }

  /** A TCP connection to {@code port} opens. */
  public static String tcp(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, port), TIMEOUT_MS);
      return null;
    } catch (IOException e) {
      return "no connection to " + HOST + ":" + port + ": " + e.getMessage();
    }
  }

  /** Redis answers PING with PONG. */
  public static String redisPing(int port) {
    return redisPing(port, null);
  }

  /**
   * Redis answers PING; over TLS ({@code ssl} not null, with oasis's client certificate and the
   * host checked) a NOAUTH answer counts too: the default user is off, and answering at all over an
   * authenticated TLS channel is what readiness asks.
   */
  public static String redisPing(int port, javax.net.ssl.SSLContext ssl) {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(HOST, port), TIMEOUT_MS);
      plain.setSoTimeout(TIMEOUT_MS);
      Socket s = plain;
      if (ssl != null) {
        javax.net.ssl.SSLSocket tls =
            (javax.net.ssl.SSLSocket) ssl.getSocketFactory().createSocket(plain, HOST, port, true);
        javax.net.ssl.SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(params);
        tls.startHandshake();
        s = tls;
      }
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] buf = new byte[7];
      int n = s.getInputStream().read(buf);
      String answer = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
      return answer.startsWith("+PONG") || (ssl != null && answer.startsWith("-NOAUTH"))
          ? null
          : "redis at " + HOST + ":" + port + " answered '" + answer.strip() + "'";
    } catch (IOException e) {
      return "redis at " + HOST + ":" + port + ": " + e.getMessage();
    }
  }

  /** Whether {@code needle} appears in {@code log} after byte {@code offset}. */
  public static boolean logContains(Path log, long offset, String needle) {
    if (!Files.exists(log)) {
      return false;
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long len = f.length();
      if (len <= offset) {
        return false;
      }
      long from = Math.max(offset, len - 1_000_000);
      f.seek(from);
      byte[] buf = new byte[(int) (len - from)];
      f.readFully(buf);
      return new String(buf, StandardCharsets.UTF_8).contains(needle);
    } catch (IOException e) {
      return false;
    }
  }

  private static ManagedChannel channel(int port, io.grpc.ChannelCredentials credentials) {
    if (credentials != null) {
      return io.grpc.Grpc.newChannelBuilderForAddress(HOST, port, credentials).build();
    }
    return ManagedChannelBuilder.forAddress(HOST, port).usePlaintext().build();
  }

  /**
   * Connects {@code ch} before the call's deadline starts, so the deadline bounds the service's
   * answer and not this process's set-up: a ready service must not look unready because the machine
   * is busy. Returns once the channel is READY or has failed to connect (the call then fails at
   * once with the reason, as a refused connection should), or after {@link #CONNECT_MS}.
   */
  private static ManagedChannel connected(ManagedChannel ch) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_MS);
    ConnectivityState state = ch.getState(true);
    try {
      while (state == ConnectivityState.IDLE || state == ConnectivityState.CONNECTING) {
        CountDownLatch changed = new CountDownLatch(1);
        ch.notifyWhenStateChanged(state, changed::countDown);
        long left = deadline - System.nanoTime();
        if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
          break;
        }
        state = ch.getState(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ch;
  }

  private static void close(ManagedChannel ch) {
    ch.shutdownNow();
    try {
      ch.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(InputStream in) throws IOException {
    try (in) {
      in.readAllBytes();
    }
  }
}
