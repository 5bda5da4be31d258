package oasis.service.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The routes file ({@code OASIS_ROUTES_FILE}) that a target writes atomically and every gRPC caller
 * re-reads live. One route per line, {@code #} starts a comment:
 *
 * <pre>
 * # component     track   address          weight (0..100)
 * order-manager   stable  127.0.0.1:50052  80
 * order-manager   canary  127.0.0.1:50152  20
 * </pre>
 *
 * A component that is not listed, or whose weights are all 0, is called at its default address.
 */
public final class Routes {

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s:]+:\\d{1,5}");

  private final List<Route> routes;

  private Routes(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  public static Routes none() {
    return new Routes(List.of());
  }

  /** Parses the file's text; a malformed line fails naming its number. */
  public static Routes parse(String text) {
    List<Route> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (content.isEmpty()) {
        continue;
      }
      String[] f = SPACES.split(content);
      if (f.length != 4 || !ADDRESS.matcher(f[2]).matches()) {
        throw new IllegalArgumentException(
            "line "
                + (i + 1)
                + ": expected 'component track host:port weight', got '"
                + content
                + "'");
      }
      int weight;
      try {
        weight = Integer.parseInt(f[3]);
        out.add(new Route(f[0], f[1], f[2], weight));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new Routes(out);
  }

  /** The routes of {@code component} with a weight above 0. */
  public List<Route> of(String component) {
    return routes.stream().filter(r -> r.component().equals(component) && r.weight() > 0).toList();
  }

  public List<Route> all() {
    return routes;
  }

  /** The file's text for these routes. */
  public static String format(List<Route> routes) {
    StringBuilder sb = new StringBuilder("# component track address weight (written by oasis)\n");
    for (Route r : routes) {
      sb.append(r.component())
          .append(' ')
          .append(r.track())
          .append(' ')
          .append(r.address())
          .append(' ')
          .append(r.weight())
          .append('\n');
    }
    return sb.toString();
  }
}
