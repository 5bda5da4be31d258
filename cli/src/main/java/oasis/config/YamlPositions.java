package oasis.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Line numbers of the keys and items of a YAML document, by path, for error messages. */
public final class YamlPositions {

  private final Path file;
  private Map<String, Integer> lines;

  private YamlPositions(Path file) {
    this.file = file;
  }

  /** The positions of {@code file}, read now: a syntax error throws SnakeYAML's exception. */
  public static YamlPositions of(Path file) throws IOException {
    YamlPositions positions = new YamlPositions(file);
    positions.read();
    return positions;
  }

  /**
   * The positions of a file that was just parsed without error, read at the first question: most
   * commands never ask one, and a second parse is a tenth of a quick command's start-up.
   */
  static YamlPositions deferred(Path file) {
    return new YamlPositions(file);
  }

  private void read() throws IOException {
    lines = new HashMap<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
      if (root != null) {
        walk("", root);
      }
    }
  }

  private void walk(String path, Node node) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          String child = join(path, key.getValue());
          lines.put(child, key.getStartMark().getLine() + 1);
          walk(child, tuple.getValueNode());
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        String child = join(path, String.valueOf(i));
        lines.put(child, items.get(i).getStartMark().getLine() + 1);
        walk(child, items.get(i));
      }
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "/" + key;
  }

  /** The line of the path's key (keys joined by '/'), else of its nearest ancestor, else 1. */
  public int line(String path) {
    if (lines == null) {
      try {
        read();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    for (String p = path; !p.isEmpty(); p = parent(p)) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
    }
    return 1;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
