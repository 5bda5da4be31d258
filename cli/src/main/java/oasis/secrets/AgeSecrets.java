package oasis.secrets;

import com.exceptionfactory.jagged.DecryptingChannelFactory;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code age:PATH[#KEY]}: a file encrypted with age (so secrets may live in git, encrypted),
 * decrypted with the X25519 identities of the file that {@code OASIS_AGE_IDENTITY_FILE} names (the
 * format {@code age-keygen} writes). Interoperable with the {@code age} command.
 */
final class AgeSecrets implements SecretSource {

  static final String IDENTITY_VARIABLE = "OASIS_AGE_IDENTITY_FILE";
  private static final byte[] ARMOR = "-----BEGIN AGE ENCRYPTED FILE-----".getBytes();

  private final Path base;
  private final Map<String, String> environment;

  AgeSecrets(Path base, Map<String, String> environment) {
    this.base = base;
    this.environment = environment;
  }

  @Override
  public String fetch(SecretReference ref) {
    Path file = base.resolve(ref.location());
    byte[] encrypted;
    try {
      encrypted = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SecretException(ref + ": no file " + file, "Fix the path.", e);
    } catch (IOException e) {
      throw new SecretException(ref + ": cannot read " + file, "Check its permissions.", e);
    }
    List<RecipientStanzaReader> identities = identities(ref);
    DecryptingChannelFactory factory =
        startsWith(encrypted, ARMOR)
            ? new ArmoredDecryptingChannelFactory()
            : new StandardDecryptingChannelFactory();
    try (ReadableByteChannel plain =
            factory.newDecryptingChannel(
                Channels.newChannel(new ByteArrayInputStream(encrypted)), identities);
        InputStream in = Channels.newInputStream(plain)) {
      return KeyedText.select(new String(in.readAllBytes(), StandardCharsets.UTF_8), ref);
    } catch (GeneralSecurityException | IOException e) {
      throw new SecretException(
          ref + ": cannot decrypt " + file + " with the identities in $" + IDENTITY_VARIABLE,
          "Use the identity whose recipient the file was encrypted to (age -r ...), or re-encrypt it.",
          e);
    }
  }

  private List<RecipientStanzaReader> identities(SecretReference ref) {
    String path = environment.get(IDENTITY_VARIABLE);
    if (path == null || path.isBlank()) {
      throw new SecretException(
          ref + ": no age identity: " + IDENTITY_VARIABLE + " is not set",
          "Set " + IDENTITY_VARIABLE + " to a file written by age-keygen.");
    }
    List<RecipientStanzaReader> readers = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
        if (line.startsWith("AGE-SECRET-KEY-")) {
          readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(line.strip()));
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new SecretException(
          ref + ": cannot read the age identity file " + path + " ($" + IDENTITY_VARIABLE + ")",
          "Point " + IDENTITY_VARIABLE + " at a file written by age-keygen.",
          e);
    }
    if (readers.isEmpty()) {
      throw new SecretException(
          ref + ": the age identity file " + path + " holds no AGE-SECRET-KEY line",
          "Point " + IDENTITY_VARIABLE + " at a file written by age-keygen.");
    }
    return readers;
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
