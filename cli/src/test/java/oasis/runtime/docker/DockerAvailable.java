package oasis.runtime.docker;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The docker ITs run against a real engine; they skip, saying why, only where none answers, and
 * never in CI ({@code CI} set), whose .ci/run starts one: there a missing engine is a failure.
 */
public final class DockerAvailable {

  private DockerAvailable() {}

  public static void assume() {
    boolean up = DockerClientFactory.instance().isDockerAvailable();
    String reason =
        "no Docker engine reachable (DOCKER_HOST="
            + System.getenv("DOCKER_HOST")
            + ", else /var/run/docker.sock): skipping the docker target's integration tests";
    if (!up && System.getenv("CI") != null) {
      throw new AssertionError(reason.replace("skipping", "CI must run") + " (see .ci/run)");
    }
    if (!up) {
      System.out.println("SKIPPED: " + reason);
    }
    Assumptions.assumeTrue(up, reason);
  }
}
