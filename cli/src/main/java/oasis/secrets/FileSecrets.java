package oasis.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code file:PATH[#KEY]}: a file outside git (a mounted secret, a CI file); relative paths are
 * taken from the project directory.
 */
final class FileSecrets implements SecretSource {

  private final Path base;

  FileSecrets(Path base) {
    this.base = base;
  }

  @Override
  public String fetch(SecretReference ref) {
    Path file = base.resolve(ref.location());
    try {
      return KeyedText.select(Files.readString(file, StandardCharsets.UTF_8), ref);
    } catch (NoSuchFileException e) {
      throw new SecretException(
          ref + ": no file " + file, "Create it (owner-readable only) or fix the path.", e);
    } catch (IOException e) {
      throw new SecretException(
          ref + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
          "Check its permissions.",
          e);
    }
  }
}
