package oasis.runtime.docker;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/** The docker ITs run against a real engine; they skip, saying why, only where none answers. */
public final class DockerAvailable {

  private DockerAvailable() {}

  public static void assume() {
    boolean up = DockerClientFactory.instance().isDockerAvailable();
    String reason =
        "no Docker engine reachable (DOCKER_HOST="
            + System.getenv("DOCKER_HOST")
            + ", else /var/run/docker.sock): skipping the docker target's integration tests";
    if (!up) {
      System.out.println("SKIPPED: " + reason);
    }
    Assumptions.assumeTrue(up, reason);
  }
}
