package oasis.preflight.checks;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import oasis.config.YamlFiles;

/**
 * {@code templates/observability/metrics.yaml}: the metrics the services export (and the few
 * Prometheus itself makes, such as {@code up}); dashboards and rules may name only these.
 */
record MetricCatalogue(Path file, Set<String> names) {

  /** The file as written. */
  record Doc(List<Metric> metrics) {}

  /** One metric family. */
  record Metric(
      String name,
      String type,
      List<String> services,
      String source,
      String help,
      List<String> labels) {}

  static MetricCatalogue load(Path projectDir, Path file) {
    YamlFiles.Parsed<Doc> parsed = YamlFiles.read(projectDir, file, Doc.class);
    Set<String> names = new HashSet<>();
    if (parsed.value() != null && parsed.value().metrics() != null) {
      for (Metric m : parsed.value().metrics()) {
        if (m == null || m.name() == null) {
          continue;
        }
        names.add(m.name());
        if ("histogram".equals(m.type()) || "summary".equals(m.type())) {
          names.add(m.name() + "_sum");
          names.add(m.name() + "_count");
          if ("histogram".equals(m.type())) {
            names.add(m.name() + "_bucket");
          }
        }
      }
    }
    return new MetricCatalogue(file, names);
  }
}
