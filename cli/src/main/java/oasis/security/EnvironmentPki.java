package oasis.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import oasis.state.StateLayout;

/**
 * The certificates oasis makes for one environment, under {@code .oasis/envs/<env>/pki/}: {@code
 * ca.crt}, and {@code <name>.crt}/{@code <name>.key} for the servers and clients (every leaf has
 * the SANs of every address the target uses). Owner-only files. The CA's key is never written: a
 * renewal makes a new CA and new leaves together, and every process is restarted with them.
 */
public final class EnvironmentPki {

  /** Certificates are renewed when fewer than this remain before one expires. */
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);

  public static final String CA = "ca";
  public static final String CLIENT = "client";
  public static final String SERVER = "server";

  private final Path dir;

  public EnvironmentPki(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The PKI directory of {@code environment} in the state directory {@code .oasis/}. */
  public static EnvironmentPki of(Path stateDir, String environment) {
    return in(StateLayout.at(stateDir).envDir(environment));
  }

  /** The PKI kept in an environment's directory ({@code envs/<env>/pki/}). */
  public static EnvironmentPki in(Path envDir) {
    return new EnvironmentPki(envDir.resolve("pki"));
  }

  public Path dir() {
    return dir;
  }

  public Path ca() {
    return dir.resolve(CA + ".crt");
  }

  public Path cert(String name) {
    return dir.resolve(name + ".crt");
  }

  public Path key(String name) {
    return dir.resolve(name + ".key");
  }

  public Path kafkaClientProperties() {
    return dir.resolve("kafka-client.properties");
  }

  /**
   * Makes the CA and a leaf per name (plus {@code server} and {@code client}) when any is missing,
   * lacks one of {@code sans}, or expires within {@link #RENEW_BEFORE}; keeps them otherwise.
   *
   * @return true when new certificates were made
   */
  public boolean ensure(
      Collection<String> names, List<String> sans, Duration validity, Clock clock) {
    Set<String> all = new LinkedHashSet<>(List.of(SERVER, CLIENT));
    all.addAll(names);
    Instant now = clock.instant();
    if (current(all, sans, now)) {
      return false;
    }
    Pki.Issued ca = Pki.authority("oasis " + dir.getParent().getFileName() + " CA", now, validity);
    Path fresh = dir.resolveSibling(dir.getFileName() + ".new");
    try {
      deleteTree(fresh);
      Files.createDirectories(
          fresh,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      write(fresh.resolve(CA + ".crt"), ca.certificatePem());
      for (String name : all) {
        Pki.Issued leaf = Pki.leaf(ca, name, sans, now, validity);
        write(fresh.resolve(name + ".crt"), leaf.certificatePem());
        write(fresh.resolve(name + ".key"), leaf.keyPem());
      }
      Path old = dir.resolveSibling(dir.getFileName() + ".old");
      deleteTree(old);
      if (Files.exists(dir)) {
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write certificates to " + dir, e);
    }
    return true;
  }

  /**
   * Writes {@code kafka-client.properties} for Kafka's CLI tools ({@code --command-config}):
   * SASL_SSL with SCRAM-SHA-512 as {@code user}, trusting {@code ca.crt}. Owner-only: it holds a
   * password.
   */
  public void writeKafkaClientProperties(String user, String password) {
    String props =
        "# Kafka CLI tools: --command-config "
            + kafkaClientProperties()
            + "\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
            + "sasl.jaas.config="
            + KafkaJaas.scram(user, password).replace("\\", "\\\\")
            + "\nssl.truststore.type=PEM\nssl.truststore.location="
            + ca()
            + "\n";
    try {
      write(kafkaClientProperties(), props);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + kafkaClientProperties(), e);
    }
  }

  /** Every certificate in the directory, by file, for the expiry check. */
  public Map<Path, X509Certificate> certificates() {
    if (!Files.isDirectory(dir)) {
      return Map.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      Map<Path, X509Certificate> out = new java.util.TreeMap<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".crt")).toList()) {
        out.put(f, parse(Files.readString(f), f.toString()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  /** The first certificate of a PEM text; {@code where} names it in errors. */
  public static X509Certificate parse(String pem, String where) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException(where + " holds no PEM certificate", e);
    }
  }

  private boolean current(Set<String> names, List<String> sans, Instant now) {
    List<Path> needed = new ArrayList<>(List.of(ca()));
    for (String name : names) {
      needed.add(cert(name));
      needed.add(key(name));
    }
    if (!needed.stream().allMatch(Files::isRegularFile)) {
      return false;
    }
    for (X509Certificate c : certificates().values()) {
      if (c.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
        return false;
      }
    }
    return sans(certificates().get(cert(SERVER))).containsAll(sans);
  }

  private static Set<String> sans(X509Certificate c) {
    Set<String> out = new LinkedHashSet<>();
    try {
      if (c != null && c.getSubjectAlternativeNames() != null) {
        c.getSubjectAlternativeNames().forEach(n -> out.add(String.valueOf(n.get(1))));
      }
    } catch (CertificateParsingException e) {
      return Set.of();
    }
    return out;
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
