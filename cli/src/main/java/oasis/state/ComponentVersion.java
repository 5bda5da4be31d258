package oasis.state;

/**
 * The version and commit one component reports. A component whose artifact did not change keeps the
 * pair it was deployed with, so a deploy restarts only what changed.
 */
public record ComponentVersion(String version, String commit) {}
