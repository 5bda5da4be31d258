package oasis.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/** What runs: component, release version and commit, track, and this process. */
public record ServiceIdentity(
    String component,
    String version,
    String commit,
    String track,
    String instanceId,
    String host,
    long pid,
    Instant startTime) {

  /** Reads {@code OASIS_COMPONENT}, {@code OASIS_VERSION}, {@code OASIS_COMMIT}, ... */
  public static ServiceIdentity from(ServiceConfig config, String defaultComponent) {
    String component = config.string("OASIS_COMPONENT", defaultComponent);
    String track = config.oneOf("OASIS_TRACK", "stable", "stable", "canary", "blue", "green");
    long pid = ProcessHandle.current().pid();
    return new ServiceIdentity(
        component,
        config.string("OASIS_VERSION", "0.0.0-dev"),
        config.string("OASIS_COMMIT", "unknown"),
        track,
        config.string("OASIS_INSTANCE_ID", component + "-" + track + "-" + pid),
        hostName(),
        pid,
        Instant.now());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      // A host without a resolvable name still runs; the name is informational only.
      return "localhost";
    }
  }
}
