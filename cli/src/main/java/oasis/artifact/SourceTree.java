package oasis.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import oasis.core.OasisException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Maven reactor of a project as far as {@code oasis build} needs it: which module directory
 * builds which artifactId, which reactor modules a module depends on, and a digest of everything a
 * module's build reads (its sources, its poms and those of its reactor dependencies).
 */
public final class SourceTree {

  private final Path root;
  private final Map<String, Path> modulesByArtifact = new HashMap<>();
  private final Map<Path, Document> poms = new HashMap<>();

  public SourceTree(Path root) {
    this.root = root;
    scan(root);
  }

  public boolean exists(String module) {
    return Files.isRegularFile(root.resolve(module).resolve("pom.xml"));
  }

  /** The project version of the root pom without {@code -SNAPSHOT}: the base of dev versions. */
  public String baseVersion() {
    String v = text(pom(root), "version");
    if (v == null) {
      return "0.0.0";
    }
    return v.replace("-SNAPSHOT", "");
  }

  public String artifactId(String module) {
    return text(pom(root.resolve(module)), "artifactId");
  }

  /**
   * sha256 over the module's files (not target/), its poms up to the root, and its reactor deps.
   */
  public String inputsDigest(String module) {
    MessageDigest md = ArtifactStore.digest();
    Set<Path> dirs = new LinkedHashSet<>();
    collect(root.resolve(module).normalize(), dirs);
    for (Path dir : dirs) {
      for (Path file : files(dir)) {
        md.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(ArtifactStore.sha256(file).getBytes(StandardCharsets.UTF_8));
      }
      for (Path up = dir.getParent(); up != null && up.startsWith(root); up = up.getParent()) {
        Path pom = up.resolve("pom.xml");
        if (Files.isRegularFile(pom)) {
          md.update(root.relativize(pom).toString().getBytes(StandardCharsets.UTF_8));
          md.update(ArtifactStore.sha256(pom).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private void collect(Path moduleDir, Set<Path> into) {
    if (!into.add(moduleDir)) {
      return;
    }
    Document pom = pom(moduleDir);
    NodeList deps = pom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      String artifactId = text((Element) deps.item(i), "artifactId");
      Path dep = modulesByArtifact.get(artifactId);
      if (dep != null) {
        collect(dep, into);
      }
    }
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !dir.relativize(p).toString().startsWith("target"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !isNestedModule(dir, p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  private static boolean isNestedModule(Path dir, Path file) {
    for (Path p = file.getParent(); p != null && !p.equals(dir); p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml"))) {
        return true;
      }
    }
    return false;
  }

  private void scan(Path dir) {
    if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
      return;
    }
    Document pom = pom(dir);
    String artifactId = text(pom, "artifactId");
    if (artifactId != null) {
      modulesByArtifact.put(artifactId, dir.normalize());
    }
    NodeList modules = pom.getElementsByTagName("module");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < modules.getLength(); i++) {
      names.add(modules.item(i).getTextContent().strip());
    }
    names.forEach(m -> scan(dir.resolve(m)));
  }

  private Document pom(Path dir) {
    return poms.computeIfAbsent(
        dir.normalize(),
        d -> {
          Path file = d.resolve("pom.xml");
          try {
            var f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(file.toFile());
          } catch (Exception e) {
            throw OasisException.badInput(
                "cannot read " + root.relativize(file) + ": " + e.getMessage(),
                "Fix the pom so that Maven can read it.");
          }
        });
  }

  /** The text of a direct child element of the project (or of {@code parent}). */
  private static String text(Document doc, String child) {
    return text(doc.getDocumentElement(), child);
  }

  private static String text(Element parent, String child) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && child.equals(e.getTagName())) {
        return e.getTextContent().strip();
      }
    }
    return null;
  }
}
