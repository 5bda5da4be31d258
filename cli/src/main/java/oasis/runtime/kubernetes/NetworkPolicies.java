package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oasis.config.ComponentConfig;
import oasis.config.InfrastructureConfig;
import oasis.runtime.RuntimeContract;

/**
 * The deploy guide's firewall rule, made checkable: everything in the namespace is denied, then
 * each component may receive exactly from the components that declare {@code dependsOn} on it,
 * reach exactly what it depends on (and DNS), and be scraped from the monitoring namespace.
 */
final class NetworkPolicies {

  static final String DEFAULT_DENY = "oasis-default-deny";

  private NetworkPolicies() {}

  static List<HasMetadata> of(Scope scope) {
    List<HasMetadata> out = new ArrayList<>();
    out.add(
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName(DEFAULT_DENY)
            .withLabels(Labels.of(scope.env(), "oasis", RuntimeContract.STABLE, null))
            .endMetadata()
            .withNewSpec()
            .withPodSelector(new LabelSelector())
            .withPolicyTypes("Ingress", "Egress")
            .endSpec()
            .build());
    scope.config().components().forEach((name, c) -> out.add(component(scope, name, c)));
    if (scope.ownRedis()) {
      scope
          .config()
          .infrastructure()
          .forEach(
              (name, infra) -> {
                if ("redis".equals(infra.kind())) {
                  out.add(redis(scope, name));
                }
              });
    }
    return out;
  }

  private static HasMetadata component(Scope scope, String name, ComponentConfig c) {
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    List<NetworkPolicyPeer> callers = new ArrayList<>();
    scope
        .config()
        .components()
        .forEach(
            (other, oc) -> {
              if (oc.dependsOn().contains(name)) {
                callers.add(peer(scope.env(), other));
              }
            });
    Integer grpc = c.ports().get("grpc");
    if (!callers.isEmpty() && grpc != null) {
      ingress.add(
          new NetworkPolicyIngressRuleBuilder()
              .withFrom(callers)
              .addNewPort()
              .withProtocol("TCP")
              .withPort(new IntOrString(grpc))
              .endPort()
              .build());
    }
    Integer metrics = c.ports().get("metrics");
    if (metrics != null) {
      ingress.add(
          new NetworkPolicyIngressRuleBuilder()
              .addNewFrom()
              .withNamespaceSelector(
                  new LabelSelectorBuilder()
                      .addToMatchLabels(
                          "kubernetes.io/metadata.name", scope.settings().monitoringNamespace())
                      .build())
              .endFrom()
              .addNewPort()
              .withProtocol("TCP")
              .withPort(new IntOrString(metrics))
              .endPort()
              .build());
    }
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    egress.add(dns());
    for (String dep : c.dependsOn()) {
      egress.addAll(egressTo(scope, dep));
    }
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Labels.of(scope.env(), name, RuntimeContract.STABLE, null))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(Map.of(Labels.ENV, scope.env(), Labels.COMPONENT, name))
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(ingress)
        .withEgress(egress)
        .endSpec()
        .build();
  }

  /** Egress to a dependency: a component's gRPC port, Kafka's or Redis' pods. */
  private static List<NetworkPolicyEgressRule> egressTo(Scope scope, String dep) {
    ComponentConfig c = scope.config().components().get(dep);
    if (c != null) {
      Integer grpc = c.ports().get("grpc");
      return grpc == null ? List.of() : List.of(egress(peer(scope.env(), dep), grpc));
    }
    InfrastructureConfig infra = scope.config().infrastructure().get(dep);
    if (infra == null) {
      return List.of();
    }
    if ("kafka".equals(infra.kind())) {
      if (!scope.strimzi()) {
        return List.of(egressAnywhere(9093), egressAnywhere(9092));
      }
      NetworkPolicyPeer brokers =
          new NetworkPolicyPeerBuilder()
              .withNewPodSelector()
              .addToMatchLabels("strimzi.io/cluster", dep)
              .addToMatchLabels("strimzi.io/broker-role", "true")
              .endPodSelector()
              .build();
      return List.of(egress(brokers, Infrastructure.KAFKA_PORT));
    }
    if (!scope.ownRedis()) {
      return List.of(egressAnywhere(Infrastructure.REDIS_PORT));
    }
    return List.of(egress(peer(scope.env(), dep), Infrastructure.REDIS_PORT));
  }

  private static HasMetadata redis(Scope scope, String name) {
    List<NetworkPolicyPeer> users = new ArrayList<>();
    scope
        .config()
        .components()
        .forEach(
            (other, oc) -> {
              if (oc.dependsOn().contains(name)) {
                users.add(peer(scope.env(), other));
              }
            });
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Labels.of(scope.env(), name, RuntimeContract.STABLE, null))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(Map.of(Labels.ENV, scope.env(), Labels.COMPONENT, name))
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .addNewIngress()
        .withFrom(users)
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(Infrastructure.REDIS_PORT))
        .endPort()
        .endIngress()
        .endSpec()
        .build();
  }

  static NetworkPolicyPeer peer(String env, String component) {
    return new NetworkPolicyPeerBuilder()
        .withNewPodSelector()
        .withMatchLabels(Map.of(Labels.ENV, env, Labels.COMPONENT, component))
        .endPodSelector()
        .build();
  }

  private static NetworkPolicyEgressRule egress(NetworkPolicyPeer to, int port) {
    return new NetworkPolicyEgressRuleBuilder()
        .withTo(to)
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(port))
        .endPort()
        .build();
  }

  /** An external broker or Redis: its address is outside the cluster, only the port is known. */
  private static NetworkPolicyEgressRule egressAnywhere(int port) {
    return new NetworkPolicyEgressRuleBuilder()
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(port))
        .endPort()
        .build();
  }

  private static NetworkPolicyEgressRule dns() {
    return new NetworkPolicyEgressRuleBuilder()
        .addNewTo()
        .withNewNamespaceSelector()
        .addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
        .endNamespaceSelector()
        .withNewPodSelector()
        .addToMatchLabels("k8s-app", "kube-dns")
        .endPodSelector()
        .endTo()
        .addNewPort()
        .withProtocol("UDP")
        .withPort(new IntOrString(53))
        .endPort()
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(53))
        .endPort()
        .build();
  }
}
