package oasis.artifact.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oasis.artifact.ArtifactManifest;
import oasis.artifact.ArtifactStore;
import oasis.config.DockerSettings;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.core.Templates;
import oasis.state.StateLayout;

/**
 * The images of the instances asked for, computed without Docker: one per component and one for the
 * embedded Kafka broker (the artifact on the base image, from {@code templates/docker/Dockerfile}),
 * Redis from this machine's {@code redis-server}, and the offline base image. {@link ImageBuilder}
 * builds them.
 */
public final class Images {

  static final String RECIPE_VERSION = "oasis-image-1";

  /** Where the probe's class file sits in the image (under /opt/oasis/probe), from its name. */
  static final String PROBE_CLASS = HealthProbe.class.getName().replace('.', '/') + ".class";

  /** Which project built an image: {@link ImagePrune} looks at this project's images only. */
  static final String PROJECT_LABEL = "oasis.project";

  private final Templates templates;
  private final ArtifactStore store;
  private final DockerSettings settings;
  private final Path workDir;
  private final Map<String, ImageRecipe> cache = new HashMap<>();
  private final String projectId;

  /**
   * @param workDir where build contexts are laid out ({@code .oasis/docker/})
   */
  public Images(Path projectDir, ArtifactStore store, DockerSettings settings, Path workDir) {
    this.templates = new Templates(projectDir);
    this.projectId = projectId(projectDir);
    this.store = store;
    this.settings = settings;
    this.workDir = workDir;
  }

  /**
   * The images of a project with {@code settings}: built from its artifact store under {@code
   * stateDir}, their contexts laid out in {@code stateDir/docker}.
   */
  public static Images of(Path projectDir, Path stateDir, DockerSettings settings) {
    return new Images(
        projectDir, new ArtifactStore(stateDir), settings, StateLayout.at(stateDir).docker());
  }

  Path workDir() {
    return workDir;
  }

  /** A short digest of the project's real path: the images one checkout built. */
  static String projectId(Path projectDir) {
    Path dir;
    try {
      dir = projectDir.toRealPath();
    } catch (IOException e) {
      dir = projectDir.toAbsolutePath().normalize();
    }
    return ArtifactStore.sha256(dir.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  /** The image each instance runs, by name: built by oasis, or configured. */
  public Map<String, String> refs(List<ImageInstance> instances) {
    Map<String, String> refs = new TreeMap<>();
    for (ImageInstance i : instances) {
      ImageRecipe r = recipe(i);
      refs.put(i.name(), r == null ? configured(i) : r.ref());
    }
    return refs;
  }

  /** The recipe of each instance; null for instances that run a configured image. */
  Map<String, ImageRecipe> recipes(List<ImageInstance> instances) {
    Map<String, ImageRecipe> out = new LinkedHashMap<>();
    for (ImageInstance i : instances) {
      out.put(i.name(), recipe(i));
    }
    return out;
  }

  String configured(ImageInstance i) {
    return i.kind() == ImageInstance.Kind.KAFKA ? settings.kafkaImage() : settings.redisImage();
  }

  /** Whether {@code artifact} is in the store (null, for Redis, counts as stored). */
  boolean stored(String artifact) {
    return artifact == null || store.contains(artifact);
  }

  /** Whether a Redis image can be had: a configured one, or this machine's redis-server. */
  public boolean redisAvailable() {
    return settings.redisImage() != null || RedisBinary.available();
  }

  ImageRecipe recipe(ImageInstance i) {
    return switch (i.kind()) {
      case KAFKA -> settings.kafkaImage() != null ? null : artifactImage(i);
      case SERVICE -> artifactImage(i);
      case REDIS -> settings.redisImage() != null ? null : redis();
    };
  }

  /** The base image reference: the offline JRE's or the configured one. */
  public String baseRef() {
    return settings.offlineBase() ? jre().ref() : settings.baseImage();
  }

  /** The image of a component (or of the broker): its artifact on the base image. */
  ImageRecipe artifactImage(ImageInstance i) {
    String key = "artifact:" + i.component() + ":" + i.artifact() + ":" + i.probe();
    ImageRecipe hit = cache.get(key);
    if (hit != null) {
      return hit;
    }
    ArtifactManifest m = store.manifest(i.artifact());
    Map<String, Object> scope = new HashMap<>();
    scope.put("baseImage", baseRef());
    scope.put("jar", m.jar());
    scope.put("component", i.component());
    scope.put("mainClass", i.mainClass());
    scope.put("probe", i.probe());
    String dockerfile =
        probeNamed(templates.render(Templates.DOCKERFILE, scope), Templates.DOCKERFILE);
    byte[] probeClass = probeClass();
    String inputs =
        ArtifactStore.sha256(
            Json.bytes(
                List.of(
                    RECIPE_VERSION, dockerfile, i.artifact(), ArtifactStore.sha256(probeClass))));
    Map<String, String> labels = new TreeMap<>();
    labels.put(ImageRecipe.INPUTS_LABEL, inputs);
    labels.put(PROJECT_LABEL, projectId);
    labels.put("oasis.component", i.component());
    labels.put("oasis.artifact", i.artifact());
    ImageRecipe recipe =
        new ImageRecipe(
            "oasis/" + i.component() + ":" + inputs.substring(0, 12),
            inputs,
            settings.offlineBase() ? jre() : null,
            labels,
            () -> {
              Path dir = store.materialize(i.artifact());
              BuildContext ctx =
                  new BuildContext()
                      .text("Dockerfile", dockerfile)
                      .bytes("probe/" + PROBE_CLASS, probeClass)
                      .dir("lib", 0755)
                      .dir("data", 0755);
              m.files().keySet().forEach(f -> ctx.file(f, dir.resolve(f)));
              return ctx;
            });
    cache.put(key, recipe);
    return recipe;
  }

  /** Redis: this machine's redis-server with its libraries and loader, on the base image. */
  ImageRecipe redis() {
    String key = "redis";
    ImageRecipe hit = cache.get(key);
    if (hit != null) {
      return hit;
    }
    Path binary = RedisBinary.find();
    Map<String, Path> libs = Ldd.libraries(List.of(binary));
    String loader = Path.of(Ldd.loader(libs)).getFileName().toString();
    Map<String, Object> scope = new HashMap<>();
    scope.put("baseImage", baseRef());
    scope.put("loader", loader);
    String dockerfile =
        probeNamed(templates.render(Templates.REDIS_DOCKERFILE, scope), Templates.REDIS_DOCKERFILE);
    byte[] probeClass = probeClass();
    List<String> parts = new ArrayList<>(List.of(RECIPE_VERSION, dockerfile));
    parts.add(ArtifactStore.sha256(binary));
    parts.add(ArtifactStore.sha256(probeClass));
    libs.forEach((k, v) -> parts.add(k + "=" + ArtifactStore.sha256(v)));
    String inputs = ArtifactStore.sha256(Json.bytes(parts));
    Map<String, String> labels = new TreeMap<>();
    labels.put(ImageRecipe.INPUTS_LABEL, inputs);
    labels.put(PROJECT_LABEL, projectId);
    labels.put("oasis.component", "redis");
    ImageRecipe recipe =
        new ImageRecipe(
            "oasis/redis:" + inputs.substring(0, 12),
            inputs,
            settings.offlineBase() ? jre() : null,
            labels,
            () -> {
              BuildContext ctx =
                  new BuildContext()
                      .text("Dockerfile", dockerfile)
                      .bytes("probe/" + PROBE_CLASS, probeClass)
                      .file("redis/bin/redis-server", binary);
              libs.forEach((k, v) -> ctx.file("redis/lib/" + Path.of(k).getFileName(), v));
              return ctx;
            });
    cache.put(key, recipe);
    return recipe;
  }

  /** The offline base image {@code oasis/jre:<feature>-<digest>}. */
  ImageRecipe jre() {
    ImageRecipe hit = cache.get("jre");
    if (hit != null) {
      return hit;
    }
    JreImage jre = new JreImage(Path.of(System.getProperty("java.home")), workDir);
    String dockerfile = templates.text(Templates.JRE_DOCKERFILE);
    String inputs =
        ArtifactStore.sha256(Json.bytes(List.of(RECIPE_VERSION, dockerfile, jre.inputs())));
    Map<String, String> labels = new TreeMap<>();
    labels.put(ImageRecipe.INPUTS_LABEL, inputs);
    labels.put(PROJECT_LABEL, projectId);
    labels.put("oasis.component", "jre");
    ImageRecipe recipe =
        new ImageRecipe(
            "oasis/jre:" + Runtime.version().feature() + "-" + inputs.substring(0, 12),
            inputs,
            null,
            labels,
            () -> jre.context(dockerfile));
    cache.put("jre", recipe);
    return recipe;
  }

  /**
   * The Dockerfile, unless it runs a probe class other than the one oasis copies into the image (a
   * project's template from before the probe moved to this package): every container of such an
   * image would be unhealthy, so it fails here, naming the line to change.
   */
  static String probeNamed(String dockerfile, String template) {
    String probe = HealthProbe.class.getName();
    if (dockerfile.contains(HealthProbe.class.getSimpleName()) && !dockerfile.contains(probe)) {
      throw OasisException.badInput(
          template + " runs a HealthProbe class other than " + probe + ", the one in the image",
          "Change its HEALTHCHECK to run " + probe + " (as this repository's template does).");
    }
    return dockerfile;
  }

  static byte[] probeClass() {
    try (InputStream in = Images.class.getClassLoader().getResourceAsStream(PROBE_CLASS)) {
      if (in == null) {
        throw new IllegalStateException(PROBE_CLASS + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code redis-server} on PATH. */
  static final class RedisBinary {
    private RedisBinary() {}

    static boolean available() {
      return lookup() != null;
    }

    static Path find() {
      Path p = lookup();
      if (p == null) {
        throw OasisException.badInput(
            "no redis-server on PATH to put into the Redis image",
            "Install it (apt-get install redis-server), set the environment's docker.redisImage,"
                + " or mark redis 'optional: true' to run the services in memory.");
      }
      return p;
    }

    private static Path lookup() {
      String path = System.getenv("PATH");
      if (path == null) {
        return null;
      }
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
        if (Files.isExecutable(p)) {
          try {
            return p.toRealPath();
          } catch (IOException e) {
            return p;
          }
        }
      }
      return null;
    }
  }
}
