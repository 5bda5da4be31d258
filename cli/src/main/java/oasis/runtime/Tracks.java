package oasis.runtime;

/**
 * What progressive delivery needs of a target beside {@link Target}: a live traffic split between
 * tracks and where each track serves its metrics.
 */
public interface Tracks extends TrafficSplit, MetricsEndpoints {}
