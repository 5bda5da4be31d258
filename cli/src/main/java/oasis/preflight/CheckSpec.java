package oasis.preflight;

import java.nio.file.Path;
import java.util.List;

/** One checklist item: id, title, severity, the check it runs, and where it was declared. */
public record CheckSpec(
    String id,
    String title,
    Severity severity,
    String type,
    Check check,
    List<Waiver> waivers,
    Path file,
    int line) {

  public CheckSpec {
    waivers = List.copyOf(waivers);
  }
}
