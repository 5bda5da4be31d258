package oasis.secrets;

import java.util.Map;
import oasis.config.EnvFile;
import oasis.core.OasisException;

/**
 * The text behind a reference: all of it, or with {@code #KEY} one entry of its KEY=VALUE lines.
 */
final class KeyedText {

  private KeyedText() {}

  static String select(String text, SecretReference ref) {
    if (ref.key() == null) {
      return text.strip();
    }
    Map<String, String> entries;
    try {
      entries = EnvFile.parse(text.lines().toList(), ref.toString());
    } catch (OasisException e) {
      throw new SecretException(
          ref + " is not a file of KEY=VALUE lines (" + e.getMessage() + ")",
          "Write one KEY=value per line in it, or drop '#"
              + ref.key()
              + "' to use the whole file.");
    }
    String value = entries.get(ref.key());
    if (value == null) {
      throw new SecretException(
          ref + " has no entry '" + ref.key() + "'",
          "Add " + ref.key() + "=... to it, or fix the key after '#'.");
    }
    return value;
  }
}
