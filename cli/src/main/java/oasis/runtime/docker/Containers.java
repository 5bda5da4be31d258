package oasis.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Container operations of the docker target over docker-java: create, inspect, stop, logs. */
final class Containers {

  private final DockerClient docker;

  Containers(DockerClient docker) {
    this.docker = docker;
  }

  /** The container, or null when there is none by that name. */
  InspectContainerResponse inspect(String name) {
    try {
      return docker.inspectContainerCmd(name).exec();
    } catch (NotFoundException e) {
      return null;
    }
  }

  /**
   * Creates and starts the container of {@code spec} on {@code network}, with {@code binds}
   * mounted; returns its id.
   */
  String run(ContainerSpec spec, String network, String hash, List<Bind> binds) {
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    Map<String, String> env = new TreeMap<>(spec.launch().env());
    Map<String, String> addressed = new TreeMap<>();
    spec.hostAddressVars().forEach((var, port) -> addressed.put(port, var));
    for (Map.Entry<String, Integer> e : spec.launch().ports().entrySet()) {
      ExposedPort p = ExposedPort.tcp(e.getValue());
      exposed.add(p);
      String var = addressed.get(e.getKey());
      if (var == null) {
        bindings.bind(p, Ports.Binding.bindIp("127.0.0.1")); // a free host port, loopback only
      } else {
        // the container must know its host port to advertise it: pick it here
        int hostPort = freeLoopbackPort();
        bindings.bind(p, Ports.Binding.bindIpAndPort("127.0.0.1", hostPort));
        env.put(var, "127.0.0.1:" + hostPort);
      }
    }
    List<Bind> mounts = new ArrayList<>(binds);
    spec.volumes()
        .forEach(
            (name, path) -> {
              Volumes.ensure(docker, name, spec.labels());
              mounts.add(new Bind(name, new Volume(path)));
            });
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode(network)
            .withBinds(mounts)
            .withPortBindings(bindings)
            .withRestartPolicy(RestartPolicy.parse(spec.restartPolicy()))
            .withMemory(spec.memoryBytes())
            .withNanoCPUs(spec.cpus() == null ? null : Math.round(spec.cpus() * 1e9));
    Map<String, String> labels = new TreeMap<>(spec.labels());
    labels.put(ContainerSpecs.SPEC_LABEL, hash);
    var create =
        docker
            .createContainerCmd(spec.image())
            .withName(spec.container())
            .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
            .withLabels(labels)
            .withExposedPorts(exposed)
            .withHostConfig(host)
            .withAliases(spec.aliases());
    if (!spec.launch().command().isEmpty()) {
      create.withCmd(spec.launch().command());
    }
    String id = create.exec().getId();
    if (!spec.secrets().isEmpty()) {
      copySecrets(id, spec);
    }
    docker.startContainerCmd(id).exec();
    return id;
  }

  /** Where the image's working directory is: the service kit reads {@code .env} there. */
  static final String APP_DIR = "/opt/oasis/app";

  /** The image's user (templates/docker/Dockerfile). */
  static final int APP_USER = 65532;

  /**
   * Writes the secrets as {@code APP_DIR/.env}, readable by the image's user only, into the created
   * container: they are part of its file system, not of its configuration.
   */
  private void copySecrets(String id, ContainerSpec spec) {
    byte[] content = ContainerSpecs.dotenv(spec.secrets()).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      TarArchiveEntry entry = new TarArchiveEntry(".env");
      entry.setSize(content.length);
      entry.setMode(0100400);
      entry.setUserId(APP_USER);
      entry.setGroupId(APP_USER);
      out.putArchiveEntry(entry);
      out.write(content);
      out.closeArchiveEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the secrets of " + spec.container(), e);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
    docker
        .copyArchiveToContainerCmd(id)
        .withRemotePath(APP_DIR)
        .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
        .exec();
  }

  private static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** Stops (SIGTERM, then SIGKILL after {@code grace}) and removes a container. */
  void remove(String name, Duration grace) {
    try {
      docker.stopContainerCmd(name).withTimeout((int) Math.max(1, grace.toSeconds())).exec();
    } catch (NotModifiedException alreadyStopped) {
      // stopped before: only the removal is left
    } catch (NotFoundException gone) {
      return;
    }
    try {
      docker.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException gone) {
      // removed meanwhile (e.g. by a concurrent down)
    }
  }

  /** The host port (on 127.0.0.1) that a container port is published on, or null. */
  static Integer hostPort(InspectContainerResponse c, int containerPort) {
    if (c == null || c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
      return null;
    }
    Ports.Binding[] b =
        c.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(containerPort));
    if (b == null || b.length == 0 || b[0].getHostPortSpec() == null) {
      return null;
    }
    return Integer.valueOf(b[0].getHostPortSpec());
  }

  /** The last {@code tail} lines; with {@code follow}, then new ones until interrupted. */
  void logs(String name, int tail, boolean follow, Consumer<String> sink)
      throws InterruptedException {
    StringBuilder partial = new StringBuilder();
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            synchronized (partial) {
              partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              int nl;
              while ((nl = partial.indexOf("\n")) >= 0) {
                sink.accept(partial.substring(0, nl));
                partial.delete(0, nl + 1);
              }
            }
          }
        };
    docker
        .logContainerCmd(name)
        .withStdOut(true)
        .withStdErr(true)
        .withTail(tail)
        .withFollowStream(follow)
        .exec(callback);
    try {
      if (follow) {
        callback.awaitCompletion();
      } else if (!callback.awaitCompletion(10, TimeUnit.SECONDS)) {
        sink.accept("(the engine sent no end of the log of " + name + " within 10 s)");
      }
    } finally {
      try {
        callback.close();
      } catch (java.io.IOException e) {
        sink.accept("(cannot close the log stream of " + name + ": " + e.getMessage() + ")");
      }
    }
    synchronized (partial) {
      if (partial.length() > 0) {
        sink.accept(partial.toString());
      }
    }
  }

  /** The last {@code n} log lines, for failures and readiness (never throws for a gone one). */
  List<String> tail(String name, int n) {
    List<String> lines = new ArrayList<>();
    try {
      logs(name, n, false, lines::add);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (NotFoundException e) {
      lines.add("(no container " + name + ")");
    }
    return lines;
  }
}
