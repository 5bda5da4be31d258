package oasis.runtime.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.core.Json;

/**
 * What applying objects would change, per object, in the manner of kapp's diff: {@code + create},
 * {@code ~ update} with the fields oasis sets whose live value differs, {@code - delete}; it reads
 * the namespace and writes nothing (the mock API server ignores dry-run, so none is sent).
 */
final class Preview {

  /** Fields listed per updated object; the rest are counted. */
  static final int FIELDS = 8;

  private static final Set<String> SERVER_OWNED =
      Set.of(
          "status", "resourceVersion", "uid", "creationTimestamp", "generation", "managedFields");

  private final KubernetesClient client;
  private final String namespace;
  private final Applier applier;

  Preview(KubernetesClient client, String namespace, Applier applier) {
    this.client = client;
    this.namespace = namespace;
    this.applier = applier;
  }

  /** One line per object that would change, in apply order, deletions last. */
  List<String> of(List<HasMetadata> objects, String env) {
    List<String> out = new ArrayList<>();
    Set<String> wanted = new HashSet<>();
    for (HasMetadata o : objects) {
      o.getMetadata().setNamespace(namespace);
      String hash = Hashes.of(o);
      wanted.add(Applier.key(o));
      HasMetadata live = applier.live(o);
      if (live == null) {
        out.add("+ create " + Applier.key(o));
        continue;
      }
      Map<String, String> annotations = live.getMetadata().getAnnotations();
      if (annotations != null && hash.equals(annotations.get(Labels.APPLIED))) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      walk("", tree(o), tree(live), fields);
      String head = "~ update " + Applier.key(o);
      if (fields.isEmpty()) {
        out.add(head + " (written again: no field oasis sets differs)");
        continue;
      }
      out.add(head);
      fields.stream().limit(FIELDS).forEach(f -> out.add("    " + f));
      if (fields.size() > FIELDS) {
        out.add("    ... and " + (fields.size() - FIELDS) + " more field(s)");
      }
    }
    for (HasMetadata live : applier.managed(env)) {
      if (!wanted.contains(Applier.key(live))) {
        out.add("- delete " + Applier.key(live));
      }
    }
    return out;
  }

  private JsonNode tree(HasMetadata o) {
    return Json.mapper()
        .valueToTree(client.getKubernetesSerialization().convertValue(o, Map.class));
  }

  /** The paths under {@code want} (what oasis sets) whose live value differs. */
  private static void walk(String path, JsonNode want, JsonNode live, List<String> out) {
    if (want.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
        var e = it.next();
        if (SERVER_OWNED.contains(e.getKey()) || Labels.APPLIED.equals(e.getKey())) {
          continue;
        }
        JsonNode l = live == null ? null : live.get(e.getKey());
        walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), l, out);
      }
      return;
    }
    if (want.isArray() && live != null && live.isArray() && want.size() == live.size()) {
      for (int i = 0; i < want.size(); i++) {
        walk(path + "[" + i + "]", want.get(i), live.get(i), out);
      }
      return;
    }
    if (!same(want, live)) {
      out.add(path + ": " + shown(live) + " -> " + shown(want));
    }
  }

  /** Equal values; numbers by value (the server may give a long where oasis wrote an int). */
  private static boolean same(JsonNode want, JsonNode live) {
    if (live != null && want.isNumber() && live.isNumber()) {
      return want.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    return want.equals(live);
  }

  private static String shown(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "(none)";
    }
    String s = v.isTextual() ? v.asText() : v.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
