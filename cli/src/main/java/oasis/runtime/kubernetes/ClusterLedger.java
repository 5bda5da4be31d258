package oasis.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import oasis.core.Json;
import oasis.state.Ledger;
import oasis.state.LedgerStore;
import oasis.state.Revision;

/**
 * The ledger in the namespace, as Helm keeps releases: a Secret of type {@value #REVISION_TYPE} per
 * revision (gzipped JSON) and one of type {@value #INDEX_TYPE} with the current revision and the
 * next number. Two operators on two machines see one history; pruning to {@code historyLimit}
 * deletes the Secrets of the revisions the ledger drops.
 */
final class ClusterLedger extends LedgerStore {

  static final String REVISION_TYPE = "oasis.dev/revision.v1";
  static final String INDEX_TYPE = "oasis.dev/ledger.v1";
  static final String LEDGER = "oasis.dev/ledger";

  private final KubernetesClient client;
  private final String namespace;
  private final String environment;

  /** What each revision's Secret holds, as this process last read or wrote it. */
  private final Map<Integer, String> stored = new HashMap<>();

  ClusterLedger(KubernetesClient client, String namespace, String environment) {
    super(environment);
    this.client = client;
    this.namespace = namespace;
    this.environment = environment;
  }

  /** {@code current} and {@code nextRevision} of the ledger: its index Secret's content. */
  record Index(String environment, Integer current, int nextRevision) {}

  @Override
  public synchronized Ledger load() {
    return ApiErrors.call(client, namespace, "read the ledger", this::loadNow);
  }

  @Override
  public synchronized void save(Ledger ledger) {
    ApiErrors.run(client, namespace, "write the ledger", () -> saveNow(ledger));
  }

  private Ledger loadNow() {
    Secret index = secrets().withName(indexName()).get();
    List<Revision> revisions = new ArrayList<>();
    stored.clear();
    for (Secret s : secrets().withLabel(LEDGER, environment).list().getItems()) {
      if (REVISION_TYPE.equals(s.getType()) && s.getData() != null) {
        String data = s.getData().get("revision");
        Revision r = Json.mapper().convertValue(decode(data), Revision.class);
        stored.put(r.revision(), data);
        revisions.add(r);
      }
    }
    revisions.sort(Comparator.comparingInt(Revision::revision));
    if (index == null || index.getData() == null) {
      return revisions.isEmpty()
          ? Ledger.empty(environment)
          : new Ledger(
              environment, null, revisions.get(revisions.size() - 1).revision() + 1, revisions);
    }
    Index i = Json.mapper().convertValue(decode(index.getData().get("ledger")), Index.class);
    return new Ledger(environment, i.current(), i.nextRevision(), revisions);
  }

  private void saveNow(Ledger ledger) {
    Map<Integer, String> keep = new HashMap<>();
    for (Revision r : ledger.revisions()) {
      String data = encode(r);
      keep.put(r.revision(), data);
      if (!data.equals(stored.get(r.revision()))) {
        write(revisionName(r.revision()), REVISION_TYPE, "revision", data, r.revision());
      }
    }
    for (Integer gone : stored.keySet()) {
      if (!keep.containsKey(gone)) {
        secrets().withName(revisionName(gone)).delete();
      }
    }
    stored.clear();
    stored.putAll(keep);
    Index index = new Index(environment, ledger.current(), ledger.nextRevision());
    write(indexName(), INDEX_TYPE, "ledger", encode(index), null);
  }

  private void write(String name, String type, String key, String data, Integer revision) {
    SecretBuilder b =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(LEDGER, environment)
            .addToLabels("app.kubernetes.io/managed-by", "oasis")
            .endMetadata()
            .withType(type)
            .addToData(key, data);
    if (revision != null) {
      b.editMetadata().addToLabels(Labels.REVISION, String.valueOf(revision)).endMetadata();
    }
    client.resource(b.build()).inNamespace(namespace).createOr(NonDeletingOperation::update);
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          Secret,
          io.fabric8.kubernetes.api.model.SecretList,
          io.fabric8.kubernetes.client.dsl.Resource<Secret>>
      secrets() {
    return client.secrets().inNamespace(namespace);
  }

  private String indexName() {
    return "oasis." + environment + ".ledger";
  }

  private String revisionName(int revision) {
    return "oasis." + environment + ".v" + revision;
  }

  /** Gzipped JSON in base64 (the Secret's data encoding). */
  static String encode(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(Json.bytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  static Object decode(String data) {
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data)))) {
      return Json.mapper().readValue(in.readAllBytes(), Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException("a ledger Secret does not hold gzipped JSON", e);
    }
  }
}
