package oasis.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import oasis.config.YamlFiles;
import org.semver4j.Semver;

/**
 * A release manifest {@code releases/vX.Y.Z.yaml} read leniently, as a tree with the lines of its
 * keys: preflight reports on the keys it checks ({@code artifacts}, {@code protoDescriptorDigest},
 * {@code rollback}, {@code deployWindow}) wherever they are missing or wrong, and deploy takes the
 * digests it pins, also from manifests written before {@link ReleaseManifest}'s schema.
 */
public record ReleaseDocument(Semver version, Path manifest, YamlFiles.Parsed<JsonNode> parsed) {

  /**
   * The sections that pin digests: {@code artifacts}, and the older {@code components} and {@code
   * infrastructure}.
   */
  private static final String[] PINNING_SECTIONS = {"artifacts", "components", "infrastructure"};

  public JsonNode root() {
    return parsed.value() == null ? MissingNode.getInstance() : parsed.value();
  }

  /** The line of a key path (keys joined by '/'), 1 when absent. */
  public int line(String path) {
    return parsed.positions().line(path);
  }

  /** The tag and file stem: {@code v1.2.3}. */
  public String tag() {
    return SemVersions.tag(version);
  }

  /** The commit the release was cut from, {@code unknown} when the manifest does not say. */
  public String commit() {
    return root().path("commit").asText("unknown");
  }

  /** The release notes next to the manifest: {@code releases/vX.Y.Z.md}. */
  public Path notes() {
    return manifest.resolveSibling(tag() + ".md");
  }

  /**
   * Component (or infrastructure) name to artifact digest, empty where an entry names none: {@code
   * c: sha256:..} or {@code c: {digest: sha256:..}} under each pinning section, or a list of {@code
   * {name, digest}} under {@code artifacts}.
   */
  public Map<String, String> artifacts() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String section : PINNING_SECTIONS) {
      JsonNode pins = root().path(section);
      if (pins.isObject()) {
        pins.fields()
            .forEachRemaining(
                e ->
                    out.put(
                        e.getKey(),
                        e.getValue().isTextual()
                            ? e.getValue().asText()
                            : e.getValue().path("digest").asText("")));
      } else if (pins.isArray()) {
        for (JsonNode item : pins) {
          out.put(
              item.path("name").asText(item.path("component").asText("?")),
              item.path("digest").asText(""));
        }
      }
    }
    return out;
  }
}
