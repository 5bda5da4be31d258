package oasis.service.kafka;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import oasis.service.ReadinessCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Ready while the Kafka cluster answers a describe-cluster request within a second. */
public final class KafkaReadiness implements ReadinessCheck, AutoCloseable {
  private final Admin admin;

  /** A check against the brokers of {@code settings}; close it at shutdown. */
  public KafkaReadiness(KafkaSettings settings) {
    Properties p = settings.common();
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000);
    // A broker that starts after the service is noticed within a readiness interval.
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250);
    this.admin = Admin.create(p);
  }

  @Override
  public boolean isReady() throws Exception {
    return !admin
        .describeCluster(new DescribeClusterOptions().timeoutMs(1000))
        .nodes()
        .get(1500, TimeUnit.MILLISECONDS)
        .isEmpty();
  }

  @Override
  public void close() {
    admin.close();
  }
}
