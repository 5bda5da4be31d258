package oasis.service.routing;

import java.util.List;

/**
 * Smooth weighted round robin (as nginx does it): over any window of {@code sum(weights)} picks,
 * each route is picked exactly its weight's share of times, interleaved rather than in runs.
 */
final class WeightedPicker {

  private final List<Route> routes;
  private final int total;
  private final int[] current;

  WeightedPicker(List<Route> routes) {
    this.routes = List.copyOf(routes);
    this.total = routes.stream().mapToInt(Route::weight).sum();
    this.current = new int[routes.size()];
  }

  /** The next route; null when there is none with a weight. */
  synchronized Route next() {
    if (total == 0) {
      return null;
    }
    int best = 0;
    for (int i = 0; i < current.length; i++) {
      current[i] += routes.get(i).weight();
      if (current[i] > current[best]) {
        best = i;
      }
    }
    current[best] -= total;
    return routes.get(best);
  }

  List<Route> routes() {
    return routes;
  }
}
