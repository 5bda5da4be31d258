package oasis.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import oasis.state.StateLayout;

/**
 * Passwords oasis makes for an environment it runs itself (SCRAM users of Kafka, Redis ACL users),
 * one owner-only file per user under {@code .oasis/envs/<env>/credentials/}, kept across deploys.
 * Processes get the file's path ({@code *_PASSWORD_FILE}), never the value in their environment, so
 * it appears in no plan, ledger, state file or process listing.
 */
public final class Credentials {

  /**
   * Made on first use: every local target opens the store, and a command that makes no password
   * (status, the deploys of an unchanged environment) need not set up the JDK's security providers.
   */
  private static final class Random {
    static final SecureRandom SOURCE = new SecureRandom();
  }

  private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

  private final Path dir;

  public Credentials(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The credentials of {@code environment} in the state directory {@code .oasis/}. */
  public static Credentials of(Path stateDir, String environment) {
    return in(StateLayout.at(stateDir).envDir(environment));
  }

  /** The credentials kept in an environment's directory ({@code envs/<env>/credentials/}). */
  public static Credentials in(Path envDir) {
    return new Credentials(envDir.resolve("credentials"));
  }

  public Path dir() {
    return dir;
  }

  /** The file holding {@code user}'s password, made (32 hex digits) on first use. */
  public synchronized Path passwordFile(String user) {
    if (!USER.matcher(user).matches()) {
      throw new IllegalArgumentException("not a user name oasis makes: " + user);
    }
    Path file = dir.resolve(user + ".password");
    if (!Files.isRegularFile(file)) {
      byte[] bytes = new byte[16];
      Random.SOURCE.nextBytes(bytes);
      write(file, HexFormat.of().formatHex(bytes) + "\n");
    }
    return file;
  }

  /** {@code user}'s password. */
  public String password(String user) {
    try {
      return Files.readString(passwordFile(user)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password of " + user + " in " + dir, e);
    }
  }

  /** Writes an owner-only file beside the passwords (ACL and user lists). */
  public Path writeFile(String name, String content) {
    Path file = dir.resolve(name);
    write(file, content);
    return file;
  }

  private void write(Path file, String content) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, content);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
