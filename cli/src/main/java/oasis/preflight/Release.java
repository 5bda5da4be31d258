package oasis.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import oasis.config.YamlFiles;
import oasis.release.SemVersions;
import org.semver4j.Semver;

/**
 * A release manifest {@code releases/vX.Y.Z.yaml}, read as a tree so that preflight needs only the
 * keys it checks: {@code artifacts}, {@code protoDescriptorDigest}, {@code rollback}, {@code
 * deployWindow}.
 */
public record Release(Semver version, Path manifest, YamlFiles.Parsed<JsonNode> parsed) {

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

  /** The release notes next to the manifest: {@code releases/vX.Y.Z.md}. */
  public Path notes() {
    return manifest.resolveSibling(tag() + ".md");
  }

  /**
   * Component name to artifact digest: {@code artifacts: {c: sha256:..}} or {@code artifacts: {c:
   * {digest: sha256:..}}}, also as a list of {@code {name, digest}}.
   */
  public Map<String, String> artifacts() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode artifacts = root().path("artifacts");
    if (artifacts.isObject()) {
      artifacts
          .fields()
          .forEachRemaining(
              e ->
                  out.put(
                      e.getKey(),
                      e.getValue().isTextual()
                          ? e.getValue().asText()
                          : e.getValue().path("digest").asText("")));
    } else if (artifacts.isArray()) {
      for (JsonNode item : artifacts) {
        out.put(
            item.path("name").asText(item.path("component").asText("?")),
            item.path("digest").asText(""));
      }
    }
    return out;
  }
}
