package oasis.runtime.kubernetes;

import java.util.Map;
import java.util.TreeMap;

/** The labels every object oasis applies carries, and the selectors built on them. */
final class Labels {

  static final String ENV = "oasis.dev/env";
  static final String COMPONENT = "oasis.dev/component";
  static final String TRACK = "oasis.dev/track";
  static final String REVISION = "oasis.dev/revision";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The hash of what oasis applied, so that an unchanged object is not touched. */
  static final String APPLIED = "oasis.dev/applied";

  private Labels() {}

  /** Labels of an object of {@code component} (an infrastructure name too) on {@code track}. */
  static Map<String, String> of(String env, String component, String track, String version) {
    Map<String, String> l = new TreeMap<>();
    l.put("app.kubernetes.io/name", component);
    l.put("app.kubernetes.io/instance", component + "-" + env);
    l.put("app.kubernetes.io/part-of", "oasis");
    l.put(MANAGED_BY, "oasis");
    if (version != null) {
      l.put("app.kubernetes.io/version", labelValue(version));
    }
    l.put(ENV, env);
    l.put(COMPONENT, component);
    l.put(TRACK, track);
    return l;
  }

  /** What a Deployment, Service and policy select pods of {@code component} on {@code track} by. */
  static Map<String, String> selector(String env, String component, String track) {
    return new TreeMap<>(Map.of(ENV, env, COMPONENT, component, TRACK, track));
  }

  /** Every object of the environment that oasis manages. */
  static Map<String, String> managed(String env) {
    return Map.of(ENV, env, MANAGED_BY, "oasis");
  }

  /** A label value: at most 63 of [A-Za-z0-9._-], starting and ending alphanumeric. */
  static String labelValue(String s) {
    String v = s.replaceAll("[^A-Za-z0-9._-]", "_");
    v = v.length() > 63 ? v.substring(0, 63) : v;
    return v.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
  }
}
