package oasis.artifact.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import oasis.config.EnvironmentConfig;
import oasis.config.Project;
import oasis.core.Durations;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.state.StateLayout;

/**
 * Service images into a registry, referenced by digest ({@code registry/component@sha256:...}),
 * never by a moving tag. What was pushed is remembered in {@code .oasis/images/pushed.json} by
 * registry and image inputs: an unchanged image is neither built nor pushed again, and its
 * reference is known without a Docker engine.
 */
public final class ImagePush {

  static final Duration PUSH_TIMEOUT = Duration.ofMinutes(10);

  /**
   * One image in the registry.
   *
   * @param ref the reference by digest, e.g. {@code
   *     registry.example.com/oasis/order-manager@sha256:...}
   * @param pushed whether this call pushed it (false: pushed before, as the record says)
   * @param took how long building and pushing it took
   */
  public record Pushed(String ref, boolean pushed, Duration took) {}

  private static final TypeReference<Map<String, Map<String, String>>> RECORD =
      new TypeReference<>() {};

  private final Images images;
  private final Path record;
  private final Consumer<String> progress;

  /**
   * @param record the file that remembers the pushes ({@code StateLayout.pushedImages()})
   */
  public ImagePush(Images images, Path record, Consumer<String> progress) {
    this.images = images;
    this.record = record;
    this.progress = progress;
  }

  /** The pushes of {@code project}'s images, built with {@code env}'s docker settings. */
  public static ImagePush of(Project project, EnvironmentConfig env, Consumer<String> progress) {
    return new ImagePush(
        Images.of(project.dir(), project.stateDir(), env.docker()),
        StateLayout.at(project.stateDir()).pushedImages(),
        progress);
  }

  /**
   * The reference by digest of each instance whose image this machine pushed to {@code registry}
   * before, by instance name; left out: instances of configured images (no recipe) and those whose
   * artifact is not in this checkout's store (its image's inputs cannot be known here).
   */
  public Map<String, String> known(String registry, List<ImageInstance> instances) {
    Map<String, String> pushed = read().getOrDefault(registry, Map.of());
    Map<String, String> out = new TreeMap<>();
    images
        .recipes(instances.stream().filter(i -> images.stored(i.artifact())).toList())
        .forEach(
            (name, recipe) -> {
              if (recipe != null && pushed.containsKey(recipe.inputs())) {
                out.put(name, pushed.get(recipe.inputs()));
              }
            });
    return out;
  }

  /**
   * Every instance's image in {@code registry}, by instance name: built on {@code docker} when
   * missing and pushed unless the record says it was.
   */
  public Map<String, Pushed> push(
      DockerClient docker, String registry, List<ImageInstance> instances) {
    Map<String, String> known = known(registry, instances);
    List<ImageInstance> missing =
        instances.stream().filter(i -> !known.containsKey(i.name())).toList();
    Map<String, ImageBuilder.Result> built =
        new ImageBuilder(docker, images, progress).ensure(missing);
    Map<String, ImageRecipe> recipes = images.recipes(missing);
    Map<String, Pushed> out = new LinkedHashMap<>();
    for (ImageInstance i : instances) {
      String ref = known.get(i.name());
      if (ref != null) {
        out.put(i.name(), new Pushed(ref, false, Duration.ZERO));
        continue;
      }
      ImageRecipe recipe = recipes.get(i.name());
      if (recipe == null) {
        continue; // a configured image: the registry it comes from is the user's
      }
      long start = System.nanoTime();
      String repository = registry + "/" + i.component();
      String tag = recipe.inputs().substring(0, 12);
      String digest = upload(docker, built.get(i.name()).ref(), repository, tag);
      Duration took = built.get(i.name()).took().plusNanos(System.nanoTime() - start);
      Pushed p = new Pushed(repository + "@" + digest, true, took);
      remember(registry, recipe.inputs(), p.ref());
      progress.accept("  pushed " + p.ref() + " in " + Durations.seconds(took));
      out.put(i.name(), p);
    }
    return out;
  }

  /** Tags {@code local} as {@code repository:tag}, pushes it and returns the manifest's digest. */
  private String upload(DockerClient docker, String local, String repository, String tag) {
    progress.accept("  pushing " + repository + ":" + tag);
    List<String> errors = new ArrayList<>();
    String[] digest = {null};
    try {
      docker.tagImageCmd(local, repository, tag).exec();
      boolean done =
          docker
              .pushImageCmd(repository)
              .withTag(tag)
              .exec(
                  new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                      if (item.getErrorDetail() != null) {
                        errors.add(item.getErrorDetail().getMessage());
                      } else if (item.getError() != null) {
                        errors.add(item.getError());
                      }
                      if (item.getAux() != null && item.getAux().getDigest() != null) {
                        digest[0] = item.getAux().getDigest();
                      }
                    }
                  })
              .awaitCompletion(PUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!done) {
        errors.add("no answer in " + Durations.seconds(PUSH_TIMEOUT));
      }
    } catch (DockerException | DockerClientException e) {
      errors.add(OasisException.rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OasisException(OasisException.Kind.FAILED, "interrupted", null, e);
    }
    if (!errors.isEmpty() || digest[0] == null) {
      throw OasisException.failed(
          "pushing "
              + repository
              + ":"
              + tag
              + " failed: "
              + (errors.isEmpty() ? "the registry gave no digest" : String.join("; ", errors)),
          "Check that the registry is reachable from the Docker engine and that you are logged"
              + " in to it (docker login), then run the command again.");
    }
    return digest[0];
  }

  private Map<String, Map<String, String>> read() {
    if (!Files.exists(record)) {
      return Map.of();
    }
    try {
      return Json.mapper().readValue(record.toFile(), RECORD);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + record + " (delete it to push again)", e);
    }
  }

  /**
   * Adds one push to the record. Two builds pushing at once may each write the record without the
   * other's entry: the image it forgets is pushed again by the next build, which costs time only.
   */
  private void remember(String registry, String inputs, String ref) {
    Map<String, Map<String, String>> all = new TreeMap<>();
    read().forEach((k, v) -> all.put(k, new TreeMap<>(v)));
    all.computeIfAbsent(registry, k -> new TreeMap<>()).put(inputs, ref);
    Json.write(record, all);
  }
}
