package oasis.runtime;

import java.util.Collection;

/**
 * How a target shares the calls to a component between its tracks, live: the small interface beside
 * {@link Target} that progressive delivery needs.
 */
public interface TrafficSplit {

  /**
   * Gives the {@code track} instances of {@code components} {@code weight} percent of the calls,
   * the stable instances the rest; callers follow within a fraction of a second, without restart.
   * Weight 0 sends every call to stable.
   */
  void setWeight(String track, int weight, Collection<String> components);
}
