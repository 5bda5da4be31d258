package oasis.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Debian's redis-server started on a free port, restarted with its data. */
class RedisServerProcessIT {

  @Test
  void answersOnItsPortAndKeepsDataAcrossARestart() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
      assertThat(command(redis, "SET order-1 FILLED")).isEqualTo("+OK");

      assertThat(redis.stop()).isZero();
      redis.restart();

      assertThat(command(redis, "GET order-1")).isEqualTo("$6\r\nFILLED");
    }
  }

  @Test
  void findsTheDebianBinary() {
    assertThat(RedisServerProcess.findBinary()).isPresent();
  }

  private static String command(RedisServerProcess redis, String inline) throws IOException {
    try (Socket socket = new Socket(redis.host(), redis.port())) {
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[256];
      int read = in.read(buffer);
      return new String(buffer, 0, read, StandardCharsets.US_ASCII).strip();
    }
  }
}
