package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import oasis.core.Durations;
import oasis.runtime.ApplyResult;

/**
 * Waits for Deployments to roll out: the controller saw the latest spec (observed generation), and
 * every replica is updated and available. A Deployment whose {@code Progressing} condition turns
 * False (deadline exceeded) or that is not there in time fails, with its pods' events and logs.
 */
final class DeploymentWait {

  static final long POLL_MILLIS = 250;

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;

  DeploymentWait(KubernetesClient client, String namespace, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
  }

  ApplyResult await(List<String> names, Instant deadline, Consumer<String> progress) {
    for (String name : names) {
      String last = null;
      while (true) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        String state = d == null ? "missing" : state(d);
        if (!state.equals(last)) {
          progress.accept("  " + name + ": " + state);
          last = state;
        }
        if ("ready".equals(state)) {
          break;
        }
        DeploymentCondition failed = d == null ? null : failedCondition(d);
        if (failed != null) {
          return ApplyResult.failed(
              name,
              "Deployment "
                  + name
                  + " has condition "
                  + failed.getType()
                  + "="
                  + failed.getStatus()
                  + " ("
                  + failed.getReason()
                  + ": "
                  + failed.getMessage()
                  + ")",
              diagnostics(name));
        }
        if (!clock.instant().isBefore(deadline)) {
          return ApplyResult.failed(
              name,
              "Deployment " + name + " was not ready within the timeout (" + state + ")",
              diagnostics(name));
        }
        Durations.pause(POLL_MILLIS);
      }
    }
    return ApplyResult.ok();
  }

  /** {@code ready}, or what is missing, e.g. {@code 1/2 available}. */
  static String state(Deployment d) {
    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    int want = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    var s = d.getStatus();
    if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < generation) {
      return "waiting for the controller to see generation " + generation;
    }
    int updated = s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
    int available = s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
    if (updated < want) {
      return updated + "/" + want + " updated";
    }
    if (available < want) {
      return available + "/" + want + " available";
    }
    return "ready";
  }

  static DeploymentCondition failedCondition(Deployment d) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return null;
    }
    return d.getStatus().getConditions().stream()
        .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
        .findFirst()
        .orElse(null);
  }

  /** The last events of the Deployment's pods and their last log lines. */
  List<String> diagnostics(String deployment) {
    List<String> lines = new ArrayList<>();
    try {
      Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
      if (d == null) {
        return lines;
      }
      List<Pod> pods =
          client
              .pods()
              .inNamespace(namespace)
              .withLabels(d.getSpec().getSelector().getMatchLabels())
              .list()
              .getItems();
      for (Pod p : pods) {
        String pod = p.getMetadata().getName();
        client
            .v1()
            .events()
            .inNamespace(namespace)
            .withField("involvedObject.name", pod)
            .list()
            .getItems()
            .stream()
            .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
            .map(e -> "event " + pod + ": " + e.getReason() + ": " + e.getMessage())
            .forEach(lines::add);
        String log = client.pods().inNamespace(namespace).withName(pod).tailingLines(20).getLog();
        if (log != null) {
          log.lines().map(l -> pod + " | " + l).forEach(lines::add);
        }
      }
    } catch (RuntimeException e) {
      lines.add("(cannot read the pods' events and logs: " + e.getMessage() + ")");
    }
    return lines.size() > 40 ? lines.subList(lines.size() - 40, lines.size()) : lines;
  }
}
