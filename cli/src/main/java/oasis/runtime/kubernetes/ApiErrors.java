package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;
import oasis.core.OasisException;

/** The API server's failures as oasis errors: what failed, where, and what to check. */
final class ApiErrors {

  private ApiErrors() {}

  static <T> T call(KubernetesClient client, String namespace, String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw translate(client, namespace, what, e);
    }
  }

  static void run(KubernetesClient client, String namespace, String what, Runnable call) {
    call(
        client,
        namespace,
        what,
        () -> {
          call.run();
          return null;
        });
  }

  static OasisException translate(
      KubernetesClient client, String namespace, String what, KubernetesClientException e) {
    String where = client.getMasterUrl() + " (namespace " + namespace + ")";
    if (e.getCode() <= 0) { // no HTTP status: the request never got an answer
      return new OasisException(
          OasisException.Kind.FAILED,
          "cannot reach the Kubernetes API server at " + where + " to " + what + ": " + rootOf(e),
          "Check the kubeconfig (KUBECONFIG, or the environment's kubernetes.context in"
              + " oasis.yaml) and that the cluster is up: kubectl cluster-info.",
          e);
    }
    if (e.getCode() == 401 || e.getCode() == 403) {
      return new OasisException(
          OasisException.Kind.FAILED,
          "the Kubernetes API server at "
              + where
              + " refused to "
              + what
              + " ("
              + e.getCode()
              + "): "
              + e.getStatus().getMessage(),
          "Use credentials that may manage Deployments, Services, Secrets and Leases there.",
          e);
    }
    return new OasisException(
        OasisException.Kind.FAILED,
        "the Kubernetes API server at "
            + where
            + " failed to "
            + what
            + " ("
            + e.getCode()
            + "): "
            + e.getMessage(),
        "See 'kubectl -n " + namespace + " get events'.",
        e);
  }

  private static String rootOf(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
