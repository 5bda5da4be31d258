package oasis.artifact.image;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The HEALTHCHECK of oasis images, which have no curl: one probe named by {@code OASIS_PROBE} (or
 * the first argument), {@code http:PORT/PATH} (200), {@code tcp:PORT} (a connection opens) or
 * {@code redis:PORT} (PONG), against 127.0.0.1 inside the container, bounded by two seconds. Exit 0
 * when healthy, else 1 with one line saying why. Self-contained: its class file alone is copied
 * into the image.
 */
public final class HealthProbe {

  private static final int TIMEOUT_MS = 2000;

  private HealthProbe() {}

  public static void main(String[] args) {
    String probe = args.length > 0 ? args[0] : System.getenv("OASIS_PROBE");
    String why;
    try {
      why = check(probe);
    } catch (Exception e) {
      why = probe + ": " + e;
    }
    if (why != null) {
      System.out.println("unhealthy: " + why);
      System.exit(1);
    }
    System.out.println("healthy: " + probe);
  }

  /** Null when healthy, else why not. */
  static String check(String probe) throws Exception {
    if (probe == null || probe.indexOf(':') < 0) {
      return "OASIS_PROBE is '" + probe + "'; expected http:PORT/PATH, tcp:PORT or redis:PORT";
    }
    String kind = probe.substring(0, probe.indexOf(':'));
    String rest = probe.substring(probe.indexOf(':') + 1);
    int slash = rest.indexOf('/');
    int port = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
    switch (kind) {
      case "http":
        {
          String url = "http://127.0.0.1:" + port + (slash < 0 ? "/" : rest.substring(slash));
          HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
          c.setConnectTimeout(TIMEOUT_MS);
          c.setReadTimeout(TIMEOUT_MS);
          int code = c.getResponseCode();
          c.disconnect();
          return code == 200 ? null : "GET " + url + " answered " + code;
        }
      case "tcp":
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
          return null;
        }
      case "redis":
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
          s.setSoTimeout(TIMEOUT_MS);
          OutputStream out = s.getOutputStream();
          out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          InputStream in = s.getInputStream();
          byte[] buf = new byte[7];
          int n = in.read(buf);
          String answer = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
          return answer.startsWith("+PONG") ? null : "redis answered '" + answer.strip() + "'";
        }
      default:
        return "unknown probe kind '" + kind + "' in '" + probe + "'";
    }
  }
}
