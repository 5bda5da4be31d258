package oasis.deploy.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import oasis.core.AtomicFiles;
import oasis.core.Json;
import oasis.core.JsonFields;

/**
 * {@code rollout.json} (the state of the last rollout) and {@code rollout-control.json} (a request
 * of {@code oasis rollout} to the command that drives the rollout) under {@code
 * .oasis/envs/<env>/}, both written atomically. When a rollout of another revision begins, the last
 * one is kept as {@code rollouts/<revision>.json}, the newest {@code keep} of them (the
 * environment's history limit), so that older rollouts can still be reported.
 */
public final class RolloutStore {

  /**
   * A request to the driver.
   *
   * @param by pid of the command that asked
   * @param actor who asked, {@code user@host} (null in requests written before it was kept)
   */
  public record Request(Control control, Instant at, long by, String actor) {

    /** Who asked: the person, else (an older request) the asking command's pid. */
    public String who() {
      return actor != null ? actor : "pid " + by;
    }
  }

  /** The file of the last rollout's state, in the environment's directory. */
  public static final String STATE_FILE = "rollout.json";

  /** How many earlier rollouts are kept when nothing says otherwise. */
  public static final int DEFAULT_KEEP = 20;

  private final Path state;
  private final Path control;
  private final Path earlier;
  private final int keep;

  public RolloutStore(Path envDir) {
    this(envDir, DEFAULT_KEEP);
  }

  /**
   * @param keep how many earlier rollouts to keep (at least 1)
   */
  public RolloutStore(Path envDir, int keep) {
    this.state = envDir.resolve(STATE_FILE);
    this.control = envDir.resolve("rollout-control.json");
    this.earlier = envDir.resolve("rollouts");
    this.keep = Math.max(1, keep);
  }

  /**
   * What {@code oasis rollout abort|pause} needs of the last rollout to hand a request to the
   * command that drives it: its phase, that command, and when calls went back to stable.
   *
   * @param driver pid of the command that drives it, or null
   */
  public record Glance(Phase phase, Long driver, Instant trafficBackAt, String message) {}

  /**
   * The last rollout's {@link Glance}, or null when there has been none. Read field by field with
   * the stream parser, not bound to {@link RolloutState}: the object mapper and binding its records
   * cost a cold JVM more than the rest of the request, which calls wait for.
   */
  public Glance glance() {
    Map<String, String> n;
    try {
      n = JsonFields.read(state);
    } catch (IOException e) {
      load(); // a corrupt file fails here naming the file and what to do, as every read of it
      throw new UncheckedIOException("cannot read " + state, e);
    }
    if (n == null) {
      return null;
    }
    String back = n.get("trafficBackAt");
    String driver = n.get("driver");
    return new Glance(
        Phase.of(n.getOrDefault("phase", "")),
        driver == null || !driver.matches("\\d+") ? null : Long.valueOf(driver),
        back == null ? null : Instant.parse(back),
        n.get("message"));
  }

  /** The rollout, or null when there has been none. */
  public RolloutState load() {
    return Json.read(state, RolloutState.class);
  }

  /** The rollout of {@code revision}, the last or a kept earlier one; null when none is kept. */
  public RolloutState load(int revision) {
    RolloutState last = load();
    if (last != null && last.revision() == revision) {
      return last;
    }
    return Json.read(earlier.resolve(revision + ".json"), RolloutState.class);
  }

  /** The revisions whose rollout can be loaded, oldest first. */
  public List<Integer> revisions() {
    List<Integer> out = new ArrayList<>(kept());
    RolloutState last = load();
    if (last != null && !out.contains(last.revision())) {
      out.add(last.revision());
    }
    Collections.sort(out);
    return out;
  }

  public void save(RolloutState s) {
    RolloutState last = Files.exists(state) ? load() : null;
    if (last != null && last.revision() != s.revision()) {
      Json.write(earlier.resolve(last.revision() + ".json"), last);
      prune();
    }
    Json.write(state, s);
  }

  /**
   * A request of the person at this keyboard. Not fsync'd: it matters only to the live command it
   * is for, which a crash of the machine ends too; the two fsyncs were on the path of an abort.
   */
  public void request(Control c) {
    // Written field by field, as the mapper writes a Request (read back by take()): the mapper
    // alone would load more classes than the rest of an abort.
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("control", c.label());
    r.put("at", Instant.now().toString());
    r.put("by", ProcessHandle.current().pid());
    r.put("actor", Decision.person());
    AtomicFiles.publish(control, JsonFields.write(r));
  }

  private List<Integer> kept() {
    if (!Files.isDirectory(earlier)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(earlier)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+\\.json"))
          .map(n -> Integer.parseInt(n.substring(0, n.length() - ".json".length())))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + earlier, e);
    }
  }

  /** The oldest earlier rollouts beyond {@code keep} go. */
  private void prune() {
    List<Integer> all = kept();
    for (int i = 0; i < all.size() - keep; i++) {
      Path p = earlier.resolve(all.get(i) + ".json");
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + p, e);
      }
    }
  }

  /** The pending request, removed from the file: each request is acted on once. */
  public Request take() {
    Request r = Json.read(control, Request.class);
    if (r != null) {
      try {
        Files.deleteIfExists(control);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + control, e);
      }
    }
    return r;
  }

  /** Whether a request waits (without taking it). */
  public boolean pending() {
    return Files.exists(control);
  }
}
