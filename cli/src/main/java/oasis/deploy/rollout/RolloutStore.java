package oasis.deploy.rollout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import oasis.core.Json;

/**
 * {@code rollout.json} (the state) and {@code rollout-control.json} (a request of {@code oasis
 * rollout} to the command that drives the rollout) under {@code .oasis/envs/<env>/}, both written
 * atomically.
 */
public final class RolloutStore {

  /** A request to the driver. */
  public record Request(Control control, Instant at, long by) {}

  private final Path state;
  private final Path control;

  public RolloutStore(Path envDir) {
    this.state = envDir.resolve("rollout.json");
    this.control = envDir.resolve("rollout-control.json");
  }

  /** The rollout, or null when there has been none. */
  public RolloutState load() {
    return Json.read(state, RolloutState.class);
  }

  public void save(RolloutState s) {
    Json.write(state, s);
  }

  public void request(Control c) {
    Json.write(control, new Request(c, Instant.now(), ProcessHandle.current().pid()));
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
