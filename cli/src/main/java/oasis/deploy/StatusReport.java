package oasis.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code oasis status}: the ledger's view and the live one together, in the JSON shape of CLI.md.
 *
 * @param environment the environment
 * @param target its target
 * @param revision the current revision, or null
 * @param version its version, or null
 * @param state {@code healthy}, {@code degraded} (some instance not ready), {@code progressing} (an
 *     operation runs), {@code interrupted} (an operation died; the next deploy or rollback resolves
 *     it), {@code stopped} or {@code none}
 * @param supervised whether the target's supervisor runs
 * @param redis {@code redis-server} or {@code in-memory}
 * @param components the services
 * @param infrastructure Kafka, Redis
 * @param notes facts people should see
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusReport(
    String environment,
    String target,
    Integer revision,
    String version,
    String state,
    boolean supervised,
    String redis,
    List<Component> components,
    List<Infrastructure> infrastructure,
    List<String> notes) {

  /** One service as observed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Component(
      String name,
      String version,
      String track,
      boolean ready,
      int restarts,
      Long pid,
      String artifact,
      String detail,
      Map<String, String> endpoints) {}

  /** One piece of infrastructure as observed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Infrastructure(
      String name,
      String kind,
      boolean ready,
      int restarts,
      Long pid,
      String detail,
      Map<String, String> endpoints) {}
}
