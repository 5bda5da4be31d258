package oasis.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Passwords oasis makes for an environment it runs itself (SCRAM users of Kafka, the Redis ACL
 * user), kept owner-only in {@code .oasis/envs/<env>/credentials.properties} so every deploy uses
 * the same ones. Never printed: callers pass them to processes through their environment only.
 */
public final class Credentials {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;

  public Credentials(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  /** The credentials file of {@code environment} in the state directory {@code .oasis/}. */
  public static Credentials of(Path stateDir, String environment) {
    return new Credentials(
        stateDir.resolve("envs").resolve(environment).resolve("credentials.properties"));
  }

  /** The password of {@code user}, made (32 hex digits from a secure random) on first use. */
  public synchronized String password(String user) {
    Properties props = read();
    String existing = props.getProperty(user);
    if (existing != null) {
      return existing;
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String made = HexFormat.of().formatHex(bytes);
    props.setProperty(user, made);
    write(props);
    return made;
  }

  private Properties read() {
    Properties props = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        props.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return props;
  }

  private void write(Properties props) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer out = Files.newBufferedWriter(tmp)) {
        props.store(out, "made by oasis; owner-only");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
