package oasis.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import oasis.core.AtomicFiles;
import oasis.core.Json;
import oasis.core.OasisException;
import oasis.state.StateLayout;

/**
 * Content-addressed store of runnable artifacts under {@code .oasis/artifacts/}: {@code
 * blobs/<sha256>} holds each distinct file once (a library shared by five services is stored once),
 * {@code manifests/<sha256>.json} one manifest per artifact, and {@code run/<sha256>/} the artifact
 * laid out for running (hard links to the blobs).
 */
public final class ArtifactStore {

  private final Path root;

  public ArtifactStore(Path stateDir) {
    this.root = StateLayout.at(stateDir).artifacts();
  }

  public Path root() {
    return root;
  }

  /** Stores {@code jar} and every file of {@code libDir}; returns the artifact digest. */
  public String put(String component, Path jar, Path libDir) {
    Map<String, String> files = new TreeMap<>();
    files.put(jar.getFileName().toString(), putBlob(jar));
    if (Files.isDirectory(libDir)) {
      try (DirectoryStream<Path> libs = Files.newDirectoryStream(libDir, "*.jar")) {
        for (Path lib : libs) {
          files.put("lib/" + lib.getFileName(), putBlob(lib));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + libDir, e);
      }
    }
    ArtifactManifest manifest =
        new ArtifactManifest(component, jar.getFileName().toString(), files);
    byte[] bytes = Json.bytes(manifest);
    String digest = "sha256:" + sha256(bytes);
    Path file = manifestFile(digest);
    if (!Files.exists(file)) {
      AtomicFiles.write(file, bytes);
    }
    return digest;
  }

  /** Whether the artifact is stored; a digest that is not {@code sha256:<64 hex>} never is. */
  public boolean contains(String digest) {
    return digest != null
        && digest.matches("sha256:[0-9a-f]{64}")
        && Files.isRegularFile(manifestFile(digest));
  }

  public ArtifactManifest manifest(String digest) {
    ArtifactManifest m = Json.read(manifestFile(digest), ArtifactManifest.class);
    if (m == null) {
      throw OasisException.badInput(
          "artifact " + digest + " is not in the artifact store " + root,
          "Build it again with 'oasis build', or deploy a version whose artifacts are stored.");
    }
    return m;
  }

  /**
   * The artifact laid out as {@code <dir>/<jar>} plus {@code <dir>/lib/}; made once per digest,
   * atomically (a directory renamed into place).
   */
  public Path materialize(String digest) {
    Path dir = root.resolve("run").resolve(hex(digest));
    if (Files.isDirectory(dir)) {
      return dir;
    }
    ArtifactManifest m = manifest(digest);
    Path tmp = root.resolve("run").resolve("." + hex(digest) + "." + UUID.randomUUID());
    try {
      Files.createDirectories(tmp.resolve("lib"));
      for (var e : m.files().entrySet()) {
        Path target = tmp.resolve(e.getKey());
        Path blob = blobFile(e.getValue());
        try {
          Files.createLink(target, blob);
        } catch (IOException | UnsupportedOperationException noLinks) {
          Files.copy(blob, target);
        }
      }
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
        deleteTree(tmp); // another command laid it out first: same content
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out artifact " + digest + " in " + dir, e);
    }
  }

  /** The java class path of a laid-out artifact. */
  public String classPath(String digest) {
    Path dir = materialize(digest);
    return dir.resolve(manifest(digest).jar()) + ":" + dir.resolve("lib") + "/*";
  }

  private String putBlob(Path file) {
    String digest = "sha256:" + sha256(file);
    Path blob = blobFile(digest);
    if (!Files.exists(blob)) {
      try {
        Files.createDirectories(blob.getParent());
        Path tmp = blob.resolveSibling("." + hex(digest) + "." + UUID.randomUUID());
        Files.copy(file, tmp);
        try (var ch =
            java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
          ch.force(true);
        }
        Files.move(tmp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot store " + file, e);
      }
    }
    return digest;
  }

  private Path blobFile(String digest) {
    return root.resolve("blobs").resolve(hex(digest));
  }

  private Path manifestFile(String digest) {
    return root.resolve("manifests").resolve(hex(digest) + ".json");
  }

  static String hex(String digest) {
    return digest.startsWith("sha256:") ? digest.substring(7) : digest;
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  public static String sha256(Path file) {
    MessageDigest md = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
