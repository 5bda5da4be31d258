package oasis.secrets;

/** Where one scheme of {@link SecretReference} is read from: the environment, a file, Vault. */
public interface SecretSource {

  /**
   * The secret {@code ref} names.
   *
   * @throws SecretException when it cannot be had; the message names the reference, never a value
   */
  String fetch(SecretReference ref);
}
