package oasis.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import oasis.core.AtomicFiles;
import oasis.core.Json;

/**
 * The traffic weights of an environment ({@code weights.json}: component to track to percent,
 * stable has the rest) and the routes text they give (services/README.md), shared by the targets:
 * each knows only the address of a component's track, or that it does not run.
 */
public final class TrafficWeights {

  private static final TypeReference<Map<String, Map<String, Integer>>> TYPE =
      new TypeReference<>() {};

  private final Path file;

  public TrafficWeights(Path envDir) {
    this.file = envDir.toAbsolutePath().normalize().resolve("weights.json");
  }

  /**
   * Gives {@code track} {@code weight} percent of each component's calls (0 removes the track);
   * returns the weights now in force.
   */
  public Map<String, Map<String, Integer>> set(
      String track, int weight, Collection<String> components) {
    if (weight < 0 || weight > 100) {
      throw new IllegalArgumentException("weight " + weight + " is not 0..100");
    }
    Map<String, Map<String, Integer>> weights = read();
    for (String c : components) {
      Map<String, Integer> tracks = weights.computeIfAbsent(c, k -> new TreeMap<>());
      tracks.clear();
      if (weight > 0) {
        tracks.put(track, weight);
      }
      if (tracks.isEmpty()) {
        weights.remove(c);
      }
    }
    AtomicFiles.write(file, Json.bytes(weights));
    return weights;
  }

  /** The weights in force: component to track to percent (stable has the rest). */
  public Map<String, Map<String, Integer>> read() {
    if (!Files.exists(file)) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(Json.mapper().readValue(file.toFile(), TYPE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The routes file's text: for each weighted component, its stable track with the rest and each
   * other track that runs, by the {@code host:port} that {@code address} gives for (component,
   * track), or null when that track does not run (then it gets no route, whatever its weight).
   */
  public String routes(BiFunction<String, String, String> address) {
    StringBuilder out = new StringBuilder("# component track address weight (written by oasis)\n");
    read()
        .forEach(
            (component, tracks) -> {
              int others = 0;
              StringBuilder lines = new StringBuilder();
              for (var t : tracks.entrySet()) {
                String a = address.apply(component, t.getKey());
                if (a != null && t.getValue() > 0) {
                  others += t.getValue();
                  lines.append(line(component, t.getKey(), a, t.getValue()));
                }
              }
              if (lines.length() > 0) {
                String stable = address.apply(component, RuntimeContract.STABLE);
                if (stable != null) {
                  out.append(
                      line(component, RuntimeContract.STABLE, stable, Math.max(0, 100 - others)));
                }
                out.append(lines);
              }
            });
    return out.toString();
  }

  private static String line(String component, String track, String address, int weight) {
    return component + " " + track + " " + address + " " + weight + "\n";
  }
}
