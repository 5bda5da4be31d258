package oasis.deploy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import oasis.analysis.AnalysisRun;
import oasis.analysis.AnalysisSpec;
import oasis.analysis.Analyzer;
import oasis.analysis.Measurement;
import oasis.analysis.MetricSource;
import oasis.analysis.PrometheusSource;
import oasis.analysis.ScrapeSource;
import oasis.config.AnalysisConfig;
import oasis.deploy.rollout.RolloutActions;
import oasis.deploy.rollout.RolloutState;
import oasis.runtime.ApplyResult;
import oasis.runtime.MetricsEndpoints;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.Target;
import oasis.runtime.TrafficSplit;
import oasis.state.Ledger;

/**
 * A rollout's actions over a target: weights through its {@link TrafficSplit}, analyses of its live
 * instances, promotion and abort as plans it converges to, recorded in the ledger. Plans are
 * derived from the ledger's revisions, so a command that resumes a crashed rollout has them too.
 */
final class TargetRolloutActions implements RolloutActions {

  private final Deployer deployer;
  private final Revisions revisions;
  private final Target target;
  private final TrafficSplit traffic;
  private final MetricsEndpoints endpoints;
  private final AnalysisConfig.Prometheus prometheus;
  private final Clock clock;
  private final Duration timeout;
  private final Consumer<String> progress;

  TargetRolloutActions(
      Deployer deployer,
      Target target,
      TrafficSplit traffic,
      MetricsEndpoints endpoints,
      AnalysisConfig.Prometheus prometheus,
      Clock clock,
      Duration timeout,
      Consumer<String> progress) {
    this.deployer = deployer;
    this.revisions = deployer.revisions();
    this.target = target;
    this.traffic = traffic;
    this.endpoints = endpoints;
    this.prometheus = prometheus;
    this.clock = clock;
    this.timeout = timeout;
    this.progress = progress;
  }

  /** The stable instances plus a copy of each of {@code components} of {@code next} on a track. */
  static Plan withTrack(Plan stable, Plan next, List<String> components, String track) {
    List<PlannedInstance> all = new ArrayList<>(stable.instances());
    for (PlannedInstance i : next.instances()) {
      if (components.contains(i.name())) {
        all.add(
            new PlannedInstance(
                i.name() + "@" + track,
                i.component(),
                i.kind(),
                track,
                i.artifact(),
                i.mainClass(),
                i.env(),
                i.ports(),
                i.dependsOn()));
      }
    }
    return new Plan(stable.environment(), next.version(), next.commit(), all, next.notes());
  }

  private Plan stablePlan(RolloutState s) {
    Ledger ledger = revisions.ledger();
    return deployer.planOf(
        ledger
            .currentRevision()
            .orElseThrow(() -> new IllegalStateException("the rollout has no stable revision")));
  }

  private Plan newPlan(RolloutState s) {
    return deployer.planOf(
        revisions
            .ledger()
            .get(s.revision())
            .orElseThrow(() -> new IllegalStateException("revision " + s.revision() + " is gone")));
  }

  @Override
  public void setWeight(RolloutState s, int weight) {
    traffic.setWeight(s.track(), weight, s.components());
  }

  @Override
  public AnalysisRun analyse(
      RolloutState s, AnalysisSpec spec, Consumer<Measurement> each, BooleanSupplier stop)
      throws InterruptedException {
    Duration http = Duration.ofSeconds(2);
    MetricSource source;
    if (prometheus != null) {
      source =
          new PrometheusSource(URI.create(prometheus.url()), prometheus.selector(), http, clock);
    } else {
      source =
          new ScrapeSource(
              (component, track) ->
                  endpoints.metrics(component, track).stream().map(URI::create).toList(),
              http,
              clock);
    }
    Analyzer.Sleeper sleeper =
        d -> {
          long end = System.nanoTime() + d.toNanos();
          while (System.nanoTime() < end && !stop.getAsBoolean()) {
            // a request ends the wait within 10 ms: an abort's calls go back that much sooner
            Thread.sleep(Math.min(10, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
          }
        };
    try (var traffic =
        oasis.analysis.traffic.AnalysisTraffic.forRollout(
            endpoints,
            spec.trafficRate(),
            spec.trafficSignalsOnly(),
            s.components(),
            s.track(),
            PlanFactory.STABLE,
            target.clientTls().map(oasis.security.ClientTls::grpc).orElse(null),
            progress)) {
      return new Analyzer(source, spec, PlanFactory.STABLE, s.track(), clock, sleeper)
          .run(s.components(), each, stop);
    }
  }

  @Override
  public boolean promote(RolloutState s) {
    Plan next = newPlan(s);
    traffic.setWeight(s.track(), 100, s.components());
    progress.accept(
        "  every call on the " + s.track() + " track; restarting stable on " + s.version());
    ApplyResult r =
        target.apply(withTrack(next, next, s.components(), s.track()), timeout, progress);
    if (!r.ready()) {
      progress.accept("  " + r.failedInstance() + " did not become ready: " + r.reason());
      return false;
    }
    traffic.setWeight(s.track(), 0, s.components());
    ApplyResult done = target.apply(next, timeout, progress);
    if (!done.ready()) {
      progress.accept("  stopping the " + s.track() + " track: " + done.reason());
    }
    revisions.succeed(s.revision(), false);
    return true;
  }

  @Override
  public void abort(RolloutState s, String reason) {
    progress.accept("  every call back on stable; stopping the " + s.track() + " track");
    // make-before-break: the track's calls are already back on stable, so it stops behind them
    ApplyResult r = target.replace(stablePlan(s), timeout, progress);
    if (!r.ready()) {
      progress.accept(
          "  stable did not become ready again: " + r.reason() + "; see 'oasis status'");
    }
    revisions.fail(s.revision(), "rollout aborted: " + reason);
  }
}
