package oasis.artifact.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import oasis.core.Durations;
import oasis.core.OasisException;
import oasis.core.Steps;

/**
 * Builds the images of {@link Images} through the Engine API; an image whose {@code oasis.inputs}
 * label already matches is used as it is (no build), so unchanged inputs are built once.
 */
public final class ImageBuilder {

  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

  /** One image and whether this call built it. */
  public record Result(String ref, String id, boolean built, Duration took) {}

  private final DockerClient docker;
  private final Images images;
  private final Consumer<String> progress;
  private final Steps steps;

  public ImageBuilder(DockerClient docker, Images images, Consumer<String> progress) {
    this(docker, images, progress, Steps.NONE);
  }

  /**
   * @param steps told each Dockerfile step as the engine reaches it ("Step 3/8 : COPY ...")
   */
  public ImageBuilder(DockerClient docker, Images images, Consumer<String> progress, Steps steps) {
    this.docker = docker;
    this.images = images;
    this.progress = progress;
    this.steps = steps;
  }

  private static final Pattern STEP = Pattern.compile("Step (\\d+)/(\\d+) : (.*)");

  /** The engine's "Step n/m : INSTRUCTION" lines of {@code ref}'s build, to {@code steps}. */
  static void step(Steps steps, String ref, String stream) {
    Matcher m = STEP.matcher(stream.strip());
    if (m.matches()) {
      steps.step(ref, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
    }
  }

  /**
   * Every image of {@code instances}, built when missing; configured images pulled when missing.
   */
  public Map<String, Result> ensure(List<ImageInstance> instances) {
    Map<String, Result> out = new LinkedHashMap<>();
    Map<String, ImageRecipe> recipes = images.recipes(instances); // every recipe before any build
    for (ImageInstance i : instances) {
      ImageRecipe recipe = recipes.get(i.name());
      out.put(i.name(), recipe == null ? present(images.configured(i)) : ensure(recipe));
    }
    return out;
  }

  /** The image of {@code recipe} (and its base first), built only when missing. */
  public Result ensure(ImageRecipe recipe) {
    if (recipe.base() != null) {
      ensure(recipe.base());
    }
    InspectImageResponse found = inspect(recipe.ref());
    if (found != null
        && found.getConfig() != null
        && found.getConfig().getLabels() != null
        && recipe.inputs().equals(found.getConfig().getLabels().get(ImageRecipe.INPUTS_LABEL))) {
      return new Result(recipe.ref(), found.getId(), false, Duration.ZERO);
    }
    long start = System.nanoTime();
    progress.accept("  building image " + recipe.ref());
    Path tar = images.workDir().resolve("context-" + UUID.randomUUID() + ".tar");
    List<String> log = new ArrayList<>();
    List<Path> temporary = new ArrayList<>(List.of(tar));
    try {
      BuildContext context = recipe.context().get();
      temporary.addAll(context.temporary());
      context.writeTar(tar);
      String id = send(recipe, tar, log);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      progress.accept("  built " + recipe.ref() + " in " + Durations.seconds(took));
      InspectImageResponse built = inspect(recipe.ref());
      return new Result(recipe.ref(), built == null ? id : built.getId(), true, took);
    } catch (DockerClientException | DockerException e) {
      throw OasisException.failed(
          "building image "
              + recipe.ref()
              + " failed: "
              + OasisException.rootMessage(e)
              + tail(log),
          "Check the template under templates/docker/ and that the base image exists locally"
              + " (no registry: use docker.baseImage 'offline').");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send the build context " + tar, e);
    } finally {
      steps.done(recipe.ref());
      temporary.forEach(this::delete);
    }
  }

  /**
   * Sends the context {@code tar} to the engine to build {@code recipe}; its output into {@code
   * log}.
   */
  private String send(ImageRecipe recipe, Path tar, List<String> log) throws IOException {
    try (InputStream in = Files.newInputStream(tar)) {
      return docker
          .buildImageCmd()
          .withTarInputStream(in)
          .withTags(Set.of(recipe.ref()))
          .withLabels(recipe.labels())
          .withPull(false)
          .withRemove(true)
          .withForcerm(true)
          .exec(
              new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                  if (item.getStream() != null && !item.getStream().isBlank()) {
                    log.add(item.getStream().stripTrailing());
                    step(steps, recipe.ref(), item.getStream());
                  }
                  super.onNext(item);
                }
              })
          .awaitImageId(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** A configured image: used when present, else pulled (bounded), else a clear failure. */
  Result present(String ref) {
    InspectImageResponse found = inspect(ref);
    if (found != null) {
      return new Result(ref, found.getId(), false, Duration.ZERO);
    }
    progress.accept("  pulling " + ref);
    try {
      boolean done =
          docker
              .pullImageCmd(ref)
              .exec(new PullImageResultCallback())
              .awaitCompletion(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      InspectImageResponse pulled = inspect(ref);
      if (!done || pulled == null) {
        throw OasisException.failed("pulling " + ref + " did not finish", null);
      }
      return new Result(ref, pulled.getId(), false, Duration.ZERO);
    } catch (DockerException | DockerClientException e) {
      throw new OasisException(
          OasisException.Kind.CONFLICT,
          "image " + ref + " is not on this engine and cannot be pulled: " + e.getMessage(),
          "Load it (docker load), or remove the setting so that oasis builds its own image.",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted", null, e);
    }
  }

  private InspectImageResponse inspect(String ref) {
    try {
      return docker.inspectImageCmd(ref).exec();
    } catch (NotFoundException e) {
      return null;
    }
  }

  private void delete(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      progress.accept("  warning: cannot delete " + path + ": " + e.getMessage());
    }
  }

  private static String tail(List<String> log) {
    List<String> last = log.subList(Math.max(0, log.size() - 15), log.size());
    return last.isEmpty() ? "" : "\n  build output:\n    " + String.join("\n    ", last);
  }
}
