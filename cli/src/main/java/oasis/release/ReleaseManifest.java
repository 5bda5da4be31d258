package oasis.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oasis.config.DeployWindow;
import oasis.core.OasisException;

/**
 * What a release pins, as {@code releases/vX.Y.Z.yaml}: deploy and rollback read it to get the
 * exact artifacts of a version.
 *
 * @param schema the manifest format version (1)
 * @param version the semantic version, without {@code v}
 * @param tag the git tag, {@code vX.Y.Z}
 * @param commit the commit the release was cut from (the release commit adds only this manifest and
 *     the notes on top of it)
 * @param date when the release was made, ISO-8601 UTC
 * @param previous the previous stable release, or null for the first one
 * @param artifacts per component, and for the embedded Kafka broker: {@code sha256:HEX} digest of
 *     its artifact and where it was read
 * @param protoDescriptorDigest {@code sha256:HEX} of the proto descriptor set the services were
 *     built against, kept as {@code releases/contracts/vX.Y.Z.desc}
 * @param upgradeNotes what operators must know or do (breaking changes first)
 * @param rollback where and how to roll back
 * @param deployWindow per environment, when the release may be deployed there (from oasis.yaml)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseManifest(
    int schema,
    String version,
    String tag,
    String commit,
    String date,
    String previous,
    Map<String, Artifact> artifacts,
    String protoDescriptorDigest,
    List<String> upgradeNotes,
    RollbackPlan rollback,
    Map<String, DeployWindow> deployWindow) {

  public static final int SCHEMA = 1;

  public ReleaseManifest {
    artifacts = artifacts == null ? Map.of() : new TreeMap<>(artifacts);
    upgradeNotes = upgradeNotes == null ? List.of() : List.copyOf(upgradeNotes);
    deployWindow = deployWindow == null ? Map.of() : new TreeMap<>(deployWindow);
  }

  /**
   * An artifact: its digest {@code sha256:HEX} (64 lowercase hex digits), its key in the
   * content-addressed store ({@link oasis.artifact.ArtifactStore}), and the file it was built from.
   */
  public record Artifact(String digest, String source) {

    /** The 64 hex digits of the digest. */
    public String hex() {
      return digest.substring(digest.indexOf(':') + 1);
    }
  }

  /**
   * How to go back.
   *
   * @param to the release to roll back to, or null for the first release
   * @param steps what to run, in order
   */
  public record RollbackPlan(String to, List<String> steps) {}

  /** Component name to {@code sha256:HEX} digest: the pinned artifacts that deploy installs. */
  public Map<String, String> digests() {
    Map<String, String> digests = new LinkedHashMap<>();
    artifacts.forEach((name, artifact) -> digests.put(name, artifact.digest()));
    return digests;
  }

  /** Reads a manifest; a malformed file exits 2 naming it. */
  public static ReleaseManifest read(Path file) {
    try {
      return Holder.YAML.readValue(file.toFile(), ReleaseManifest.class);
    } catch (JsonProcessingException e) {
      throw OasisException.badInput(
          "release manifest " + file + " is malformed: " + e.getOriginalMessage(),
          "Restore it from its release tag: git checkout vX.Y.Z -- " + file.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read release manifest " + file, e);
    }
  }

  /** The manifest as YAML text. */
  public String toYaml() {
    try {
      return Holder.YAML.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the manifest of " + version, e);
    }
  }

  /** Writes the manifest to {@code file}, creating its directory. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, toYaml());
  }

  /** Strings stay quoted: YAML 1.1 readers take an unquoted {@code 16:00} for the number 960. */
  private static final class Holder {
    static final ObjectMapper YAML =
        new ObjectMapper(
                new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
