package io.hublink.testkit.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Waits until a broker answers clients: an Admin client's describeCluster lists at least one node. The broker's own
 * startup returns once it is unfenced, but a client connecting at that moment can still be refused; tests must never
 * see that.
 */
final class BrokerReadiness {

    private BrokerReadiness() {
    }

    static void await(String bootstrapServers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        try (Admin admin = Admin.create(config)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("embedded Kafka broker at " + bootstrapServers
                    + " was not ready within " + timeout, last);
        }
    }
}
