package oasis.deploy;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of artifacts to deploy: a released version's pinned digests, or a working-tree build.
 *
 * @param version the version
 * @param commit its commit
 * @param artifacts component or infrastructure name to artifact digest
 */
public record Release(String version, String commit, Map<String, String> artifacts) {

  public Release {
    artifacts = new TreeMap<>(artifacts);
  }
}
