package oasis.artifact;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one component's runnable artifact is made of: its thin jar and its runtime libraries, each
 * by content digest. The digest of this manifest (canonical JSON) is the artifact's digest.
 *
 * @param component the component (or infrastructure) name it was built for
 * @param jar the file name of the thin jar, a key of {@code files}
 * @param files relative path ({@code x.jar}, {@code lib/y.jar}) to {@code sha256:<hex>}
 */
public record ArtifactManifest(String component, String jar, Map<String, String> files) {

  public ArtifactManifest {
    files = new TreeMap<>(files);
  }
}
