package oasis.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeLogTest {

  static final Map<String, String> MODULES =
      Map.of("services/order-manager/", "order-manager", "services/risk-engine/", "risk-engine");

  @Test
  void componentsComeFromTheModulePathsTheCommitChanged() {
    assertThat(
            ChangeLog.componentsOf(
                Set.of("services/risk-engine/src/A.java", "services/order-manager/pom.xml"),
                MODULES))
        .containsExactly("order-manager", "risk-engine");
  }

  @Test
  void aServiceDirectoryOutsideTheProjectModelStillNamesAComponent() {
    assertThat(ChangeLog.componentsOf(Set.of("services/embedded-kafka/pom.xml"), MODULES))
        .containsExactly("embedded-kafka");
  }

  @Test
  void pathsOutsideEveryServiceAreGeneral() {
    assertThat(ChangeLog.componentsOf(Set.of("README.md", "services/pom.xml"), MODULES))
        .containsExactly(ChangeLog.GENERAL);
  }

  @Test
  void changesAreGroupedFeaturesFirstThenByComponent() {
    var entries =
        List.of(
            new ChangeLog.Entry(
                "docs", List.of("general"), "guide", "1111111", List.of(), List.of()),
            new ChangeLog.Entry(
                "fix", List.of("risk-engine"), "limit", "2222222", List.of(), List.of()),
            new ChangeLog.Entry(
                "feat", List.of("order-manager"), "iceberg", "3333333", List.of("wire"), List.of()),
            new ChangeLog.Entry("feat", List.of("alpha"), "x", "4444444", List.of(), List.of()));
    var groups = ChangeLog.groups(entries);
    assertThat(groups)
        .extracting(g -> g.get("title"))
        .containsExactly("Features", "Bug fixes", "Documentation");
    @SuppressWarnings("unchecked")
    var features = (List<Map<String, Object>>) groups.get(0).get("components");
    assertThat(features).extracting(c -> c.get("name")).containsExactly("alpha", "order-manager");
    assertThat(ChangeLog.breaking(entries))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b)
                    .containsEntry("impact", "wire")
                    .containsEntry("components", "order-manager"));
  }

  @Test
  void onlyConventionalTypesMakeSectionsAndACommitIsListedOnce() {
    var entries =
        List.of(
            new ChangeLog.Entry(
                "Readme", List.of("general"), "typo", "1111111", List.of(), List.of()),
            new ChangeLog.Entry(
                "Tests", List.of("general"), "more", "2222222", List.of(), List.of()),
            new ChangeLog.Entry(
                "test", List.of("general"), "unit", "3333333", List.of(), List.of()),
            new ChangeLog.Entry(
                "fix",
                List.of("order-manager", "risk-engine"),
                "both",
                "4444444",
                List.of(),
                List.of()));
    var groups = ChangeLog.groups(entries);
    assertThat(groups)
        .extracting(g -> g.get("title"))
        .containsExactly("Bug fixes", "Tests", "Other");
    assertThat(groups.toString().split("4444444", -1)).as("listed once").hasSize(2);
    assertThat(groups.get(2).toString()).contains("typo", "more").doesNotContain("unit");
  }
}
