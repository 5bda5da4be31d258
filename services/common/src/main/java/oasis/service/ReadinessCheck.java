package oasis.service;

/** One dependency the service needs to do its work; false or an exception means not ready. */
@FunctionalInterface
public interface ReadinessCheck {
  /** True when the dependency is usable now. Should return within a second or two. */
  boolean isReady() throws Exception;
}
