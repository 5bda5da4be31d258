package oasis.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oasis.service.ServiceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real {@code redis-server} with TLS only and an ACL user (the default user off), as
 * staging-secure runs it: the kit's client with the right files gets in; without TLS, with a wrong
 * password or without a client certificate it is refused.
 */
class RedisTlsIT {

  private static final Duration READY = Duration.ofSeconds(10);

  @TempDir Path dir;
  TestCertificates pki;
  Process redis;
  int port;

  @BeforeEach
  void start() throws Exception {
    pki = TestCertificates.in(dir);
    pki.leaf("redis");
    pki.leaf("client");
    Files.writeString(dir.resolve("password"), "s3cret-" + System.nanoTime() + "\n");
    // An ACL file, not --user on the command line: a password in argv shows in ps.
    Files.writeString(
        dir.resolve("users.acl"),
        "user default off\nuser oasis on >"
            + Files.readString(dir.resolve("password")).strip()
            + " ~* &* +@all\n");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    redis =
        new ProcessBuilder(
                List.of(
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--tls-port",
                    String.valueOf(port),
                    "--tls-cert-file",
                    dir.resolve("redis.crt").toString(),
                    "--tls-key-file",
                    dir.resolve("redis.key").toString(),
                    "--tls-ca-cert-file",
                    pki.ca().toString(),
                    "--tls-auth-clients",
                    "yes",
                    "--aclfile",
                    dir.resolve("users.acl").toString(),
                    "--save",
                    "",
                    "--dir",
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    awaitTlsPing();
  }

  @AfterEach
  void stop() throws Exception {
    redis.destroy();
    redis.waitFor();
  }

  private Map<String, String> rightFiles() {
    Map<String, String> env = new HashMap<>();
    env.put(TransportSecurity.CA, pki.ca().toString());
    env.put(TransportSecurity.CERT, dir.resolve("client.crt").toString());
    env.put(TransportSecurity.KEY, dir.resolve("client.key").toString());
    env.put("REDIS_USER", "oasis");
    env.put("REDIS_PASSWORD_FILE", dir.resolve("password").toString());
    return env;
  }

  private JedisPooled client(Map<String, String> env, String scheme) {
    return RedisClients.pooled(ServiceConfig.of(env), scheme + "://127.0.0.1:" + port);
  }

  private void awaitTlsPing() throws IOException {
    long deadline = System.nanoTime() + READY.toNanos();
    JedisException last = null;
    while (System.nanoTime() < deadline) {
      if (!redis.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      try (JedisPooled c = client(rightFiles(), "rediss")) {
        if ("PONG".equals(c.ping())) {
          return;
        }
      } catch (JedisConnectionException e) {
        last = e;
      }
      redis.onExit().completeOnTimeout(null, 20, java.util.concurrent.TimeUnit.MILLISECONDS).join();
    }
    throw new IllegalStateException("redis-server TLS port " + port + " not ready", last);
  }

  @Test
  void aclUserOverTlsWithTheFilesGetsIn() {
    try (JedisPooled c = client(rightFiles(), "rediss")) {
      c.set("k", "v");
      assertThat(c.get("k")).isEqualTo("v");
    }
  }

  @Test
  void plaintextClientIsRefused() {
    try (JedisPooled c = client(rightFiles(), "redis")) {
      assertThatThrownBy(c::ping).isInstanceOf(JedisConnectionException.class);
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    Map<String, String> env = rightFiles();
    env.remove("REDIS_PASSWORD_FILE");
    env.put("REDIS_PASSWORD", "not-the-password");
    try (JedisPooled c = client(env, "rediss")) {
      assertThatThrownBy(c::ping).isInstanceOf(JedisAccessControlException.class);
    }
  }

  @Test
  void defaultUserIsOff() {
    Map<String, String> env = rightFiles();
    env.remove("REDIS_USER");
    env.remove("REDIS_PASSWORD_FILE");
    try (JedisPooled c = client(env, "rediss")) {
      assertThatThrownBy(() -> c.get("k")).isInstanceOf(JedisException.class);
    }
  }

  @Test
  void clientWithoutCertificateIsRefused() throws Exception {
    Path otherCa = Files.createDirectory(dir.resolve("other"));
    TestCertificates.in(otherCa).leaf("client");
    Map<String, String> env = rightFiles();
    env.put(TransportSecurity.CERT, otherCa.resolve("client.crt").toString());
    env.put(TransportSecurity.KEY, otherCa.resolve("client.key").toString());
    try (JedisPooled c = client(env, "rediss")) {
      assertThatThrownBy(c::ping).isInstanceOf(JedisConnectionException.class);
    }
  }
}
