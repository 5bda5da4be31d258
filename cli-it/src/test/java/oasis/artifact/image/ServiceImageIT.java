package oasis.artifact.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import oasis.artifact.ArtifactStore;
import oasis.config.DockerSettings;
import oasis.runtime.Probes;
import oasis.runtime.docker.DockerAvailable;
import oasis.runtime.docker.DockerEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A service image built from templates/docker/Dockerfile on the offline base image: built once for
 * the same inputs, and in a container it answers /readyz, GetInfo and its own HEALTHCHECK.
 */
class ServiceImageIT {

  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  static final Path CLI_TARGET = REPO.resolve("cli/target");

  @TempDir Path tmp;
  Path project;
  ArtifactStore store;

  @BeforeEach
  void setUp() throws IOException {
    DockerAvailable.assume();
    project = tmp.resolve("project");
    for (String t : List.of("templates/docker", "templates/compose")) {
      Files.createDirectories(project.resolve(t));
      try (Stream<Path> files = Files.list(REPO.resolve(t))) {
        for (Path f : files.toList()) {
          Files.copy(f, project.resolve(t).resolve(f.getFileName()));
        }
      }
    }
    store = new ArtifactStore(project.resolve(".oasis"));
  }

  @Test
  void anImageIsBuiltOnceForTheSameInputsAndServesReadinessGetInfoAndItsHealthcheck()
      throws Exception {
    // a test service artifact whose content no earlier run had: its image must be built
    String artifact = testServiceArtifact("nonce=" + System.nanoTime());
    ImageInstance alpha =
        new ImageInstance(
            "alpha",
            "alpha",
            ImageInstance.Kind.SERVICE,
            artifact,
            "oasis.testservice.TestServiceMain",
            "http:9100/readyz");
    DockerClient docker = DockerEngine.connect();
    List<String> progress = new java.util.ArrayList<>();
    ImageRecipe recipe = images().recipe(alpha);
    ImageBuilder.Result base =
        new ImageBuilder(docker, images(), progress::add).ensure(recipe.base());
    ImageBuilder.Result first = new ImageBuilder(docker, images(), progress::add).ensure(recipe);
    assertThat(first.built()).as("new inputs: built (%s)", progress).isTrue();

    long t0 = System.nanoTime();
    List<String> again = new java.util.ArrayList<>();
    ImageBuilder.Result second =
        new ImageBuilder(docker, images(), again::add).ensure(images().recipe(alpha));
    Duration cached = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(second.built()).as("same inputs: not rebuilt").isFalse();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.ref()).isEqualTo(first.ref());
    assertThat(again).as("no build output the second time").isEmpty();
    long baseSize = docker.inspectImageCmd(base.ref()).exec().getSize();
    System.out.printf(
        "image build: service %.1f s cold, %d ms cached; base %s %.1f MB%s%n",
        first.took().toMillis() / 1e3,
        cached.toMillis(),
        base.ref(),
        baseSize / 1e6,
        base.built() ? " (built in " + base.took().toMillis() / 1e3 + " s)" : " (cached)");
    assertThat(baseSize).as("a jlink'ed JRE on scratch stays small").isLessThan(150_000_000L);

    try (GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse(first.ref()))
            .withEnv("OASIS_COMPONENT", "alpha")
            .withEnv("OASIS_VERSION", "9.9.9-it")
            .withEnv("ALPHA_METRICS_PORT", "9100")
            .withEnv("ALPHA_GRPC_PORT", "50100")
            .withExposedPorts(9100, 50100)
            .waitingFor(
                Wait.forHttp("/readyz").forPort(9100).withStartupTimeout(Duration.ofSeconds(60)))) {
      c.start();
      // the first gRPC call of a cold JVM may miss the probe's one-second deadline on a busy host
      oasis.ops.v1.ServiceInfo info = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (info == null && System.nanoTime() < deadline) {
        info = Probes.info(c.getMappedPort(50100));
      }
      assertThat(info).as("GetInfo through the mapped port").isNotNull();
      assertThat(info.getVersion()).isEqualTo("9.9.9-it");
      assertThat(info.getComponent()).isEqualTo("alpha");
      assertThat(c.getContainerInfo().getConfig().getUser())
          .as("not root")
          .isEqualTo("65532:65532");
      List<String> healthcheck = c.getContainerInfo().getConfig().getHealthcheck().getTest();
      ExecResult probe =
          c.execInContainer(healthcheck.subList(1, healthcheck.size()).toArray(String[]::new));
      assertThat(probe.getExitCode())
          .as("the image's HEALTHCHECK: %s %s", probe.getStdout(), probe.getStderr())
          .isZero();
      assertThat(probe.getStdout()).contains("healthy: http:9100/readyz");
      ExecResult down =
          c.execInContainer(
              "java", "-cp", "/opt/oasis/probe", HealthProbe.class.getName(), "tcp:1");
      assertThat(down.getExitCode()).as("a failing probe fails: %s", down.getStdout()).isEqualTo(1);
    }
  }

  private Images images() {
    return new Images(project, store, DockerSettings.defaults(), project.resolve(".oasis/docker"));
  }

  /** The test service's classes plus {@code extra} as a resource, with the CLI's libraries. */
  private String testServiceArtifact(String extra) throws IOException {
    Path jar = tmp.resolve("alpha.jar");
    Path classes = CLI_TARGET.resolve("test-classes");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(classes.resolve("oasis/testservice"))) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        j.putNextEntry(new JarEntry(classes.relativize(p).toString()));
        j.write(Files.readAllBytes(p));
        j.closeEntry();
      }
      j.putNextEntry(new JarEntry("behaviour.properties"));
      j.write(("ready=true\n" + extra + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return store.put("alpha", jar, CLI_TARGET.resolve("lib"));
  }
}
