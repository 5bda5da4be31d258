package oasis.service.security;

import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import oasis.service.ConfigException;
import oasis.service.ServiceConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * Redis clients of the services: {@code redis://} plaintext, {@code rediss://} over TLS with the
 * certificates of {@link TransportSecurity} and the host name checked; {@code REDIS_USER} and
 * {@code REDIS_PASSWORD} (or {@code REDIS_PASSWORD_FILE}) log in as an ACL user.
 */
public final class RedisClients {

  private RedisClients() {}

  /** A pooled client to {@code url}. */
  public static JedisPooled pooled(ServiceConfig config, String url) {
    return pooled(config, URI.create(url));
  }

  /** A pooled client to {@code uri}. */
  public static JedisPooled pooled(ServiceConfig config, URI uri) {
    return new JedisPooled(
        new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
        clientConfig(config, uri));
  }

  static JedisClientConfig clientConfig(ServiceConfig config, URI uri) {
    DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder();
    Optional<String> user = config.raw("REDIS_USER");
    Optional<String> password = config.secret("REDIS_PASSWORD");
    if (user.isPresent() && password.isEmpty()) {
      throw new ConfigException(
          "REDIS_PASSWORD (or REDIS_PASSWORD_FILE) is required when REDIS_USER is set");
    }
    user.ifPresent(builder::user);
    password.ifPresent(builder::password);
    if ("rediss".equals(uri.getScheme())) {
      TransportSecurity tls = TransportSecurity.from(config);
      if (!tls.enabled()) {
        throw new ConfigException(
            "REDIS_URL uses rediss:// but "
                + TransportSecurity.CA
                + ", "
                + TransportSecurity.CERT
                + " and "
                + TransportSecurity.KEY
                + " are not set");
      }
      SSLParameters params = new SSLParameters();
      // Jedis checks the host name only when asked: a certificate for another host must fail.
      params.setEndpointIdentificationAlgorithm("HTTPS");
      builder.ssl(true).sslSocketFactory(tls.sslContext().getSocketFactory()).sslParameters(params);
    }
    return builder.build();
  }
}
