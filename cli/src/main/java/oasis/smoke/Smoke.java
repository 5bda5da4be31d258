package oasis.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import oasis.config.InfrastructureConfig;
import oasis.config.ProjectConfig;
import oasis.core.OasisException;
import oasis.preflight.Status;
import oasis.runtime.InstanceKind;
import oasis.runtime.InstanceStatus;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RuntimeContract;
import oasis.runtime.Target;
import oasis.runtime.TargetStatus;

/**
 * The smoke suite against a running environment, written against {@link Target} alone: what the
 * plan says should run (versions, variables) and what the target observes (readiness, endpoints,
 * logs). Each failing check carries the last log lines of the component it names.
 */
public final class Smoke {

  static final int EVIDENCE_LINES = 10;
  static final long SECOND_LOOK_MS = 1000;

  /** Consumer groups of the services that consume: component, its variable, its default. */
  static final List<String[]> CONSUMER_GROUPS =
      List.of(
          new String[] {"data-normalizer", "NORMALIZER_CONSUMER_GROUP", "data-normalizer"},
          new String[] {"strategy-framework", "STRATEGY_CONSUMER_GROUP", "strategy-framework"});

  private final Target target;
  private final Consumer<String> progress;

  public Smoke(Target target, Consumer<String> progress) {
    this.target = target;
    this.progress = progress;
  }

  /** Runs the suite of {@code plan} on {@code environment}; the report says whether it failed. */
  public SmokeReport run(String environment, ProjectConfig project, Plan plan) {
    long start = System.nanoTime();
    SmokeSettings settings = SmokeSettings.of(project.smoke());
    List<SmokeCheck> checks = suite(project, plan, settings);
    Map<SmokeCheck, SmokeCheckResult> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    Map<SmokeCheck, Long> millis = new java.util.concurrent.ConcurrentHashMap<>();
    List<SmokeResult> results = new ArrayList<>();
    try (SmokeContext ctx =
        new SmokeContext(environment, project, plan, observe(), settings, target.clientTls())) {
      ctx.takeBaseline();
      // Kafka checks wait on the network, the others on gRPC: two lanes side by side; the
      // budgets then read what both left in the services' metrics.
      List<SmokeCheck> kafka = checks.stream().filter(Smoke::kafkaLane).toList();
      List<SmokeCheck> grpc = checks.stream().filter(c -> !kafkaLane(c) && !budget(c)).toList();
      java.util.concurrent.ExecutorService lane =
          java.util.concurrent.Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "smoke-kafka-lane");
                t.setDaemon(true);
                return t;
              });
      try {
        java.util.concurrent.Future<?> kafkaDone =
            lane.submit(() -> kafka.forEach(c -> timed(c, ctx, outcomes, millis)));
        grpc.forEach(c -> timed(c, ctx, outcomes, millis));
        await(kafkaDone);
      } finally {
        lane.shutdownNow();
      }
      checks.stream().filter(Smoke::budget).forEach(c -> timed(c, ctx, outcomes, millis));
      java.util.Set<String> blamed = new java.util.HashSet<>();
      for (SmokeCheck check : checks) {
        SmokeCheckResult r = outcomes.get(check);
        // a component's log once, with its first failure
        List<String> evidence =
            r.status() == Status.FAIL && r.component() != null && blamed.add(r.component())
                ? evidence(ctx, r.component())
                : List.of();
        results.add(new SmokeResult(check.name(), r, evidence, millis.get(check)));
      }
    }
    return new SmokeReport(
        environment, plan.version(), results, (System.nanoTime() - start) / 1_000_000);
  }

  private static boolean kafkaLane(SmokeCheck c) {
    return c instanceof KafkaTopicsCheck
        || c instanceof ConsumerLagCheck
        || c instanceof MarketDataProbe;
  }

  private static boolean budget(SmokeCheck c) {
    return c instanceof LatencyBudgetCheck || c instanceof ErrorRateCheck;
  }

  private void timed(
      SmokeCheck check,
      SmokeContext ctx,
      Map<SmokeCheck, SmokeCheckResult> outcomes,
      Map<SmokeCheck, Long> millis) {
    long t = System.nanoTime();
    SmokeCheckResult r = runOne(check, ctx);
    long ms = (System.nanoTime() - t) / 1_000_000;
    outcomes.put(check, r);
    millis.put(check, ms);
    progress.accept("  smoke " + check.name() + ": " + r.status().label() + " (" + ms + " ms)");
  }

  /** The Kafka lane ends: its probes are bounded by their own timeouts. */
  private static void await(java.util.concurrent.Future<?> done) {
    try {
      done.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the Kafka checks of smoke failed to run", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "smoke was interrupted", null, e);
    }
  }

  /**
   * What the target observes. A probe of the target that timed out on a busy machine must not fail
   * the suite: an instance that runs but was seen not ready is looked at once more, a second later.
   */
  private TargetStatus observe() {
    TargetStatus first = target.status();
    boolean unsure = first.instances().stream().anyMatch(i -> i.running() && !i.ready());
    if (!unsure) {
      return first;
    }
    try {
      Thread.sleep(SECOND_LOOK_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return first;
    }
    return target.status();
  }

  /** The checks for what {@code plan} runs, in the order they run. */
  static List<SmokeCheck> suite(ProjectConfig project, Plan plan, SmokeSettings settings) {
    List<SmokeCheck> checks = new ArrayList<>();
    List<String> services = new ArrayList<>();
    for (PlannedInstance i : plan.instances()) {
      if (!RuntimeContract.STABLE.equals(i.track())) {
        continue;
      }
      checks.add(new ReadyCheck(i.component()));
      if (i.kind() == InstanceKind.SERVICE) {
        checks.add(new GrpcHealthCheck(i.component()));
        services.add(i.component());
      }
    }
    project.infrastructure().entrySet().stream()
        .filter(e -> "kafka".equals(e.getValue().kind()))
        .findFirst()
        .ifPresent(e -> checks.add(new KafkaTopicsCheck(e.getKey(), partitions(e.getValue()))));
    for (String[] g : CONSUMER_GROUPS) {
      if (services.contains(g[0])) {
        checks.add(new ConsumerLagCheck(g[0], g[1], g[2]));
      }
    }
    if (services.contains(MarketDataProbe.NORMALIZER)) {
      checks.add(new MarketDataProbe());
    }
    if (services.contains(OrderProbe.RISK)) {
      checks.add(new OrderProbe());
    }
    settings
        .latency()
        .forEach(
            (component, budget) -> {
              if (services.contains(component)) {
                checks.add(new LatencyBudgetCheck(component, budget));
              }
            });
    services.forEach(s -> checks.add(new ErrorRateCheck(s)));
    return checks;
  }

  private static Map<String, Integer> partitions(InfrastructureConfig kafka) {
    Map<String, Integer> out = new java.util.TreeMap<>();
    kafka.topics().forEach((name, t) -> out.put(name, t.partitions()));
    return out;
  }

  /** A check that throws is a failing check that names the exception, never a lost one. */
  private static SmokeCheckResult runOne(SmokeCheck check, SmokeContext ctx) {
    try {
      return check.run(ctx);
    } catch (OasisException | IllegalStateException | org.apache.kafka.common.KafkaException e) {
      return SmokeCheckResult.fail(null, check.name() + " could not run: " + e.getMessage());
    }
  }

  /** The last log lines of the instance of {@code component}, for a failing check. */
  private List<String> evidence(SmokeContext ctx, String component) {
    if (component == null) {
      return List.of();
    }
    String instance =
        ctx.observed(component)
            .map(InstanceStatus::name)
            .or(() -> ctx.planned(component).map(PlannedInstance::name))
            .orElse(null);
    if (instance == null) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try {
      target.logs(instance, EVIDENCE_LINES, false, lines::add);
    } catch (OasisException e) {
      lines.add("(no log of " + instance + ": " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lines.add("(interrupted while reading the log of " + instance + ")");
    }
    return lines;
  }
}
