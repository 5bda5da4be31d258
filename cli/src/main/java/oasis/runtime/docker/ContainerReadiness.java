package oasis.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import oasis.core.Durations;
import oasis.runtime.InstanceProbes;

/**
 * Whether a container of the docker target is ready, probed like a local process through its ports
 * published on 127.0.0.1: {@code /readyz} and gRPC health for services, the broker's ready line and
 * a connection for Kafka, PING for Redis.
 */
final class ContainerReadiness {

  private static final long POLL_MS = 200;

  /** How far back the broker's log is searched for its ready line. */
  private static final int LOG_LINES = 400;

  private final Containers containers;

  ContainerReadiness(Containers containers) {
    this.containers = containers;
  }

  /** Null once ready, else why not when it exited or {@code deadline} (nanoTime) passed. */
  String await(ContainerSpec spec, long deadline) {
    String why;
    do {
      InspectContainerResponse c = containers.inspect(spec.container());
      why = notReady(spec, c);
      if (why == null || exited(c)) {
        return why;
      }
      Durations.pause(POLL_MS);
    } while (System.nanoTime() < deadline);
    return why + " (still not ready when the timeout ran out)";
  }

  /** Null when ready, else why not: names the container, or the host and port probed. */
  String notReady(ContainerSpec spec, InspectContainerResponse c) {
    if (c == null) {
      return "container " + spec.container() + " does not exist";
    }
    if (!running(c)) {
      return "container "
          + spec.container()
          + " is "
          + c.getState().getStatus()
          + (c.getState().getExitCodeLong() == null
              ? ""
              : " (exit code " + c.getState().getExitCodeLong() + ")");
    }
    return InstanceProbes.ready(spec.launch().kind(), observed(spec, c));
  }

  /** {@code spec}'s running container {@code c} as the contract's probes reach it. */
  InstanceProbes.Observed observed(ContainerSpec spec, InspectContainerResponse c) {
    return new InstanceProbes.Observed() {
      @Override
      public Integer port(String name) {
        return published(c, spec, name);
      }

      @Override
      public boolean logShows(String line) {
        return containers.tail(spec.container(), LOG_LINES).stream()
            .anyMatch(l -> l.contains(line));
      }

      @Override
      public String logPlace() {
        return "in the log of " + spec.container();
      }
    };
  }

  static boolean running(InspectContainerResponse c) {
    return c != null && Boolean.TRUE.equals(c.getState().getRunning());
  }

  /** The host port (on 127.0.0.1) of the spec's named port, or null. */
  static Integer published(InspectContainerResponse c, ContainerSpec spec, String name) {
    Integer port = spec.port(name);
    return port == null ? null : Containers.hostPort(c, port);
  }

  private static boolean exited(InspectContainerResponse c) {
    return c == null
        || !Boolean.TRUE.equals(c.getState().getRunning())
            && !Boolean.TRUE.equals(c.getState().getRestarting())
            && "exited".equals(c.getState().getStatus());
  }
}
