package io.hublink.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Fails fast at start-up when no broker answers, instead of letting clients retry silently forever: a service that
 * cannot reach Kafka must say so in one line naming the setting.
 */
public final class KafkaReachability {

    private KafkaReachability() {
    }

    public static void check(KafkaConnection connection, Duration timeout) {
        Map<String, Object> overrides = Map.of(
                "client.id", "hublink-startup-check",
                "request.timeout.ms", (int) timeout.toMillis(),
                "default.api.timeout.ms", (int) timeout.toMillis());
        try (Admin admin = Admin.create(connection.properties(overrides))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("bootstrap-servers: interrupted while connecting", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new KafkaUnavailableException("bootstrap-servers " + connection.bootstrapServers()
                    + ": no Kafka broker answered within " + timeout.toSeconds() + " s", e);
        }
    }
}
