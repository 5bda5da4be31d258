package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import oasis.config.Project;
import oasis.runtime.Plan;
import oasis.runtime.PlannedInstance;
import oasis.runtime.RegistryImages;

/**
 * {@code oasis export kubernetes}: the objects the target applies for a build, as a Kustomize
 * layout: {@code base/} holds them (one file each, no namespace), {@code overlays/<env>/} puts them
 * into the environment's namespace. {@code kubectl kustomize DIR/overlays/<env>} renders it.
 */
public final class KustomizeExport {

  private KustomizeExport() {}

  /**
   * Writes the layout of {@code plan} (built by the engine) under {@code dir}; returns the files.
   * Every service image must have been pushed from here ({@code oasis build --images --push}): the
   * export names them by digest and pushes nothing itself.
   */
  public static List<Path> write(
      Project project, String env, Plan plan, Path dir, RegistryImages images) {
    var e = project.environment(env).getValue();
    Scope scope = new Scope(env, project.config(), e);
    List<PlannedInstance> services = Scope.services(plan);
    Map<String, String> refs = new TreeMap<>();
    Scope.keyed(services, images.known(scope.registry(), services), refs);
    List<HasMetadata> objects = Manifests.of(scope.withImages(refs), plan);
    KubernetesSerialization yaml = new KubernetesSerialization();
    List<Path> written = new ArrayList<>();
    List<String> files = new ArrayList<>();
    Path base = dir.resolve("base");
    for (HasMetadata o : objects) {
      String file =
          o.getKind().toLowerCase(Locale.ROOT) + "-" + o.getMetadata().getName() + ".yaml";
      files.add(file);
      written.add(write(base.resolve(file), yaml.asYaml(o)));
    }
    written.add(
        write(
            base.resolve("kustomization.yaml"),
            "# What oasis applies to '"
                + env
                + "' for "
                + plan.version()
                + " (oasis export kubernetes).\n"
                + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
                + files.stream().map(f -> "  - " + f + "\n").reduce("", String::concat)));
    written.add(
        write(
            dir.resolve("overlays").resolve(env).resolve("kustomization.yaml"),
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: "
                + e.namespace()
                + "\nresources:\n  - ../../base\n"));
    return written;
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file, ex);
    }
  }
}
