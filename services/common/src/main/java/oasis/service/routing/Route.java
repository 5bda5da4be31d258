package oasis.service.routing;

/**
 * One line of the routes file: calls to {@code component} go to {@code address} (its {@code track}
 * instance) with relative weight {@code weight}.
 */
public record Route(String component, String track, String address, int weight) {

  public Route {
    if (weight < 0 || weight > 100) {
      throw new IllegalArgumentException("weight " + weight + " is not within 0..100");
    }
  }
}
