package oasis.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import oasis.config.Project;
import oasis.workflow.ExportWorkflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export is a Kustomize layout the real {@code kubectl kustomize} renders; every rendered
 * object parses with fabric8's model with no unknown field; the NetworkPolicies allow exactly the
 * declared edges; no secret value of the .env appears anywhere.
 */
class KustomizeExportTest {

  static final String REGISTRY = "registry.oasis.example.com/oasis";

  @TempDir Path dir;

  @Test
  void anImageNeverPushedStopsTheExportNamingTheBuildThatPushesIt() throws Exception {
    Project project = MockProject.checkout(dir.resolve("checkout"));
    var plan =
        ExportWorkflow.kubernetesPlan(project, "production", MockProject.release(project, "1.0.0"));
    assertThatThrownBy(
            () ->
                KustomizeExport.write(
                    project, "production", plan, dir.resolve("k8s"), new FakeRegistry()))
        .isInstanceOfSatisfying(
            oasis.core.OasisException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(oasis.core.OasisException.Kind.CONFLICT);
              assertThat(e.getMessage()).contains("was pushed to " + REGISTRY);
              assertThat(e.hint()).contains("oasis build --images --push --env production");
            });
  }

  @Test
  void kubectlRendersTheExportAndItHoldsExactlyTheDeclaredEdges() throws Exception {
    Project project = MockProject.checkout(dir.resolve("checkout"));
    Path out = dir.resolve("k8s");
    var plan =
        ExportWorkflow.kubernetesPlan(project, "production", MockProject.release(project, "1.0.0"));
    FakeRegistry registry = new FakeRegistry();
    registry.push(REGISTRY, Scope.services(plan), s -> {});
    KustomizeExport.write(project, "production", plan, out, registry);
    String rendered = kustomize(out.resolve("overlays/production"));
    assertThat(rendered).doesNotContain(MockProject.SECRET);
    assertThat(rendered.lines().filter(l -> l.strip().startsWith("image: " + REGISTRY)))
        .as("every service's image, by the digest it was pushed with")
        .hasSize(Scope.services(plan).size())
        .allMatch(l -> registry.pushes.contains(l.strip().substring("image: ".length())));

    List<HasMetadata> objects = parse(rendered);
    assertThat(objects).allMatch(o -> "oasis-prod".equals(o.getMetadata().getNamespace()));
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "Deployment",
            "Service",
            "ConfigMap",
            "ServiceAccount",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "NetworkPolicy",
            "Ingress",
            "StatefulSet",
            "Kafka",
            "KafkaNodePool",
            "KafkaTopic",
            "KafkaUser");

    Set<String> declared = new TreeSet<>();
    project
        .config()
        .components()
        .forEach((c, cc) -> cc.dependsOn().forEach(d -> declared.add(c + "->" + d)));
    Set<String> ingress = new TreeSet<>();
    Set<String> egress = new TreeSet<>();
    for (HasMetadata o : objects) {
      if (o instanceof NetworkPolicy np
          && np.getSpec().getPodSelector().getMatchLabels() != null
          && np.getSpec().getPodSelector().getMatchLabels().containsKey(Labels.COMPONENT)) {
        String to = np.getSpec().getPodSelector().getMatchLabels().get(Labels.COMPONENT);
        np.getSpec()
            .getIngress()
            .forEach(
                r ->
                    r.getFrom()
                        .forEach(p -> component(p).ifPresent(f -> ingress.add(f + "->" + to))));
        np.getSpec()
            .getEgress()
            .forEach(
                r -> r.getTo().forEach(p -> target(p).ifPresent(t -> egress.add(to + "->" + t))));
      }
      if (o instanceof GenericKubernetesResource g && "Kafka".equals(g.getKind())) {
        // Strimzi writes the broker's NetworkPolicy from its listener's peers.
        @SuppressWarnings("unchecked")
        var listeners =
            (List<Map<String, Object>>)
                ((Map<String, Object>)
                        ((Map<String, Object>) g.getAdditionalProperties().get("spec"))
                            .get("kafka"))
                    .get("listeners");
        for (Map<String, Object> l : listeners) {
          @SuppressWarnings("unchecked")
          var peers =
              (List<Map<String, Map<String, Map<String, String>>>>) l.get("networkPolicyPeers");
          peers.forEach(
              p ->
                  ingress.add(
                      p.get("podSelector").get("matchLabels").get(Labels.COMPONENT)
                          + "->"
                          + g.getMetadata().getName()));
        }
      }
    }
    assertThat(ingress).as("who may connect to whom").isEqualTo(declared);
    assertThat(egress).as("where each may connect to").isEqualTo(declared);
  }

  private static java.util.Optional<String> component(NetworkPolicyPeer p) {
    if (p.getPodSelector() == null || p.getPodSelector().getMatchLabels() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(p.getPodSelector().getMatchLabels().get(Labels.COMPONENT));
  }

  /** A component, Redis, or Strimzi's brokers (by cluster name); DNS is not an edge. */
  private static java.util.Optional<String> target(NetworkPolicyPeer p) {
    if (p.getPodSelector() == null
        || p.getPodSelector().getMatchLabels() == null
        || p.getNamespaceSelector() != null) {
      return java.util.Optional.empty();
    }
    Map<String, String> m = p.getPodSelector().getMatchLabels();
    return java.util.Optional.ofNullable(
        m.containsKey(Labels.COMPONENT) ? m.get(Labels.COMPONENT) : m.get("strimzi.io/cluster"));
  }

  static String kustomize(Path overlay) throws Exception {
    Process p =
        new ProcessBuilder("kubectl", "kustomize", overlay.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** Every document as fabric8's typed model; a field the model does not know fails the test. */
  static List<HasMetadata> parse(String yaml) throws Exception {
    KubernetesSerialization s = new KubernetesSerialization();
    List<HasMetadata> out = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.isBlank()) {
        continue;
      }
      HasMetadata o = s.unmarshal(doc);
      if (!(o instanceof GenericKubernetesResource)) {
        assertNoUnknownFields(o, o.getKind() + "/" + o.getMetadata().getName());
      }
      out.add(o);
    }
    return out;
  }

  private static void assertNoUnknownFields(Object o, String at) throws Exception {
    if (o == null) {
      return;
    }
    if (o instanceof Collection<?> c) {
      for (Object e : c) {
        assertNoUnknownFields(e, at);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (Object e : m.values()) {
        assertNoUnknownFields(e, at);
      }
      return;
    }
    if (!(o instanceof KubernetesResource)) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || !m.getName().startsWith("get")
          || m.getName().equals("getClass")) {
        continue;
      }
      Object v = m.invoke(o);
      if (m.getName().equals("getAdditionalProperties")) {
        assertThat((Map<?, ?>) v)
            .as("unknown fields in %s (%s)", at, o.getClass().getSimpleName())
            .isEmpty();
      } else {
        assertNoUnknownFields(v, at);
      }
    }
  }
}
