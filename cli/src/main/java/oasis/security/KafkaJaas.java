package oasis.security;

/** The JAAS line of a SCRAM login, quoted so a password may hold any character. */
public final class KafkaJaas {

  private KafkaJaas() {}

  /** {@code ScramLoginModule required username="u" password="p";} */
  public static String scram(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + quote(user)
        + "\" password=\""
        + quote(password)
        + "\";";
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
