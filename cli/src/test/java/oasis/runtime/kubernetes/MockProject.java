package oasis.runtime.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import oasis.config.Project;
import oasis.config.ProjectLoader;
import oasis.deploy.Release;

/** A checkout of this repository's oasis.yaml with a production .env that holds a secret. */
final class MockProject {

  static final Path REPO = Path.of("").toAbsolutePath().getParent();

  /** A literal secret in the .env: no rendered or applied object may contain it. */
  static final String SECRET = "lit-s3cr3t-" + Long.toHexString(System.nanoTime());

  private MockProject() {}

  static Project checkout(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("environments"));
    // These tests deploy builds straight to production: the promotion gate (tested on its own in
    // DeployerTest) would refuse them, so this copy has no predecessor.
    Files.writeString(
        dir.resolve("oasis.yaml"),
        Files.readString(REPO.resolve("oasis.yaml")).replace("    predecessor: staging\n", ""));
    Files.writeString(
        dir.resolve("environments/production.env"),
        "ORDER_MANAGER_MODE=real\nCOINBASE_API_SECRET="
            + SECRET
            + "\nCOINBASE_API_KEY=k8s-secret:coinbase#api-key\n");
    return ProjectLoader.load(dir);
  }

  /** A release whose artifacts are digests of {@code version} and the component. */
  static Release release(Project project, String version) {
    Map<String, String> artifacts = new TreeMap<>();
    project.config().components().keySet().forEach(c -> artifacts.put(c, digest(version + c)));
    artifacts.put("kafka", digest("kafka"));
    return new Release(version, "c0ffee" + version.replace(".", ""), artifacts);
  }

  static String digest(String s) {
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
