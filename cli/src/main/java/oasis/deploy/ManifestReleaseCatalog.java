package oasis.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import oasis.core.OasisException;

/**
 * Reads {@code releases/vX.Y.Z.yaml}: {@code version}, {@code commit}, and the pinned digests under
 * {@code artifacts} (name to digest) or {@code components} (name to a digest, or to a map with
 * {@code digest}); {@code infrastructure} likewise. Until {@code oasis release} writes manifests,
 * this is the whole contract between the two.
 */
public final class ManifestReleaseCatalog implements ReleaseCatalog {

  private static final Pattern VERSION =
      Pattern.compile("v?(\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?)");

  private final Path releasesDir;

  public ManifestReleaseCatalog(Path releasesDir) {
    this.releasesDir = releasesDir;
  }

  /** {@code v1.2.3} or {@code 1.2.3} to {@code 1.2.3}; anything else is bad input (exit 2). */
  public static String normalize(String version) {
    var m = VERSION.matcher(version == null ? "" : version.strip());
    if (!m.matches()) {
      throw OasisException.badInput(
          "malformed version '" + version + "'", "Write a semantic version: 1.2.3 or v1.2.3.");
    }
    return m.group(1);
  }

  @Override
  public Optional<Release> find(String version) {
    String v = normalize(version);
    Path file = releasesDir.resolve("v" + v + ".yaml");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      Map<String, String> artifacts = new LinkedHashMap<>();
      for (String section : new String[] {"artifacts", "components", "infrastructure"}) {
        JsonNode node = root.path(section);
        node.fields()
            .forEachRemaining(
                e -> {
                  JsonNode d =
                      e.getValue().isTextual() ? e.getValue() : e.getValue().path("digest");
                  if (d.isTextual()) {
                    artifacts.put(e.getKey(), d.asText());
                  }
                });
      }
      if (artifacts.isEmpty()) {
        throw OasisException.badInput(
            file + " pins no artifact digests",
            "A release manifest lists each component's digest.");
      }
      return Optional.of(new Release(v, root.path("commit").asText("unknown"), artifacts));
    } catch (IOException e) {
      throw OasisException.badInput(
          "cannot read release manifest " + file + ": " + e.getMessage(),
          "Release manifests are written by 'oasis release' and never edited.");
    }
  }
}
