package oasis.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import trading.contracts.SignalValidationResponse;
import trading.contracts.TradingSignal;

/**
 * Benchmark of the order path ValidateSignal → ExecuteOrder over loopback gRPC (risk engine and
 * order manager in memory, paper fills) beside a bare gRPC unary echo, both in the same JVM and
 * run. Not a test: run it with {@code services/risk-engine/bench/order-path.sh}. Arguments: {@code
 * [measured calls per run] [warm-up calls] [concurrency,...]}.
 */
public final class OrderPathBenchmark {
  /** One timed operation. */
  @FunctionalInterface
  interface Call {
    void run(int i) throws Exception;
  }

  /** Figures of one run. */
  record Result(String name, int threads, long calls, double seconds, long[] sortedNanos) {
    double throughput() {
      return calls / seconds;
    }

    double percentileMicros(double p) {
      int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
      return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1000.0;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-22s threads=%d calls=%d throughput=%9.0f/s p50=%8.1fus p90=%8.1fus p99=%8.1fus"
              + " p99.9=%8.1fus",
          name,
          threads,
          calls,
          throughput(),
          percentileMicros(50),
          percentileMicros(90),
          percentileMicros(99),
          percentileMicros(99.9));
    }
  }

  private OrderPathBenchmark() {}

  /** Runs the benchmark and prints one line per run and the p99 ratio per concurrency. */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int[] concurrency =
        Arrays.stream((args.length > 2 ? args[2] : "1,4").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    RiskLimits limits =
        new RiskLimits(
            BigDecimal.ONE,
            new BigDecimal("1000000"),
            new BigDecimal("1000"),
            1_000_000,
            0.5,
            0,
            false);
    TradingSignal buy =
        TradingSignal.newBuilder()
            .setStrategyId("bench")
            .setSymbol("BTC-USD")
            .setSide("BUY")
            .setConfidence(0.9)
            .build();
    TradingSignal sell = buy.toBuilder().setSide("SELL").build();
    byte[] payload = buy.toByteArray();

    try (EchoServer echo = new EchoServer();
        OrderPath path = new OrderPath(limits, Duration.ofSeconds(5), 3)) {
      path.price("BTC-USD", "64250.12");
      var risk = path.risk();
      Call echoCall = i -> echo.echo(payload);
      Call orderCall =
          i -> {
            SignalValidationResponse r =
                risk.withDeadlineAfter(5, TimeUnit.SECONDS).validateSignal(i % 2 == 0 ? buy : sell);
            if (!r.getApproved() || !"FILLED".equals(r.getSubmission().getStatus())) {
              throw new IllegalStateException("order path did not fill: " + r);
            }
          };
      System.out.printf(
          "order-path benchmark: %d measured calls per run after %d warm-up calls, java %s, %d cpus%n",
          calls,
          warmup,
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors());
      run("warm-up echo", 2, warmup, echoCall);
      run("warm-up order path", 2, warmup, orderCall);
      for (int threads : concurrency) {
        Result floor = run("grpc echo (floor)", threads, calls, echoCall);
        Result order = run("ValidateSignal->Exec", threads, calls, orderCall);
        System.out.println(floor.line());
        System.out.println(order.line());
        double ratio = order.percentileMicros(99) / floor.percentileMicros(99);
        System.out.printf(
            Locale.ROOT,
            "threads=%d order-path p99 / echo p99 = %.2f (target <= 3.00): %s%n",
            threads,
            ratio,
            ratio <= 3.0 ? "MET" : "MISSED");
      }
    }
  }

  private static Result run(String name, int threads, int calls, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int perThread = calls / threads;
      List<Future<long[]>> parts = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int offset = t * perThread;
        parts.add(
            pool.submit(
                () -> {
                  long[] nanos = new long[perThread];
                  for (int i = 0; i < perThread; i++) {
                    long begin = System.nanoTime();
                    call.run(offset + i);
                    nanos[i] = System.nanoTime() - begin;
                  }
                  return nanos;
                }));
      }
      long[] all = new long[perThread * threads];
      int at = 0;
      for (Future<long[]> part : parts) {
        long[] nanos = part.get(10, TimeUnit.MINUTES);
        System.arraycopy(nanos, 0, all, at, nanos.length);
        at += nanos.length;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(all);
      return new Result(name, threads, all.length, seconds, all);
    } finally {
      pool.shutdownNow();
    }
  }
}
