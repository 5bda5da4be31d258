package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.function.Predicate;

/**
 * What a cluster's controllers and kubelets would do, for the mock API server (which has none):
 * watches the Deployments of a namespace and reports each rolled out and available, or, when its
 * image matches {@code failing}, stuck with {@code Progressing=False} as a crash-looping pod leaves
 * it after the progress deadline.
 */
public final class TestKubelet implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private volatile Predicate<String> failing = image -> false;
  private volatile boolean held;
  private final SharedIndexInformer<Deployment> informer;

  public TestKubelet(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.informer =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment d) {
                    settle(d);
                  }

                  @Override
                  public void onUpdate(Deployment old, Deployment d) {
                    settle(d);
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknown) {}
                });
  }

  /** Images for which pods never become ready from now on. */
  public void failImages(Predicate<String> images) {
    this.failing = images;
  }

  /**
   * While held, no Deployment's status moves (its pods are still starting, as far as a waiting
   * command can tell); on release every Deployment settles.
   */
  public void hold(boolean held) {
    this.held = held;
    if (!held) {
      client.apps().deployments().inNamespace(namespace).list().getItems().forEach(this::settle);
    }
  }

  private void settle(Deployment d) {
    if (held) {
      return;
    }
    long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    String image = d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    DeploymentStatus want =
        failing.test(image)
            ? new DeploymentStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withAvailableReplicas(0)
                .withReadyReplicas(0)
                .addToConditions(
                    new DeploymentConditionBuilder()
                        .withType("Progressing")
                        .withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage(
                            "ReplicaSet \""
                                + d.getMetadata().getName()
                                + "\" has timed out progressing.")
                        .build())
                .build()
            : new DeploymentStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withReadyReplicas(replicas)
                .addToConditions(
                    new DeploymentConditionBuilder()
                        .withType("Available")
                        .withStatus("True")
                        .withReason("MinimumReplicasAvailable")
                        .build())
                .build();
    if (want.equals(d.getStatus())) {
      return;
    }
    d.setStatus(want);
    try {
      client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    } catch (RuntimeException raced) {
      // The object changed meanwhile: the informer brings the newer one.
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
