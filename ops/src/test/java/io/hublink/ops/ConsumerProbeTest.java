package io.hublink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConsumerProbeTest {

    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final ConsumerProbe probe = new ConsumerProbe(() -> metrics);

    @Test
    void should_sum_the_records_lag_of_every_partition_ignoring_unknown_values() {
        lag("p0", 3.0);
        lag("p1", 4.0);
        lag("p2", Double.NaN);
        put("consumer-fetch-manager-metrics", "records-lag-max", Map.of("client-id", "c"), 100.0);

        assertThat(probe.lag()).isEqualTo(7);
    }

    @Test
    void should_be_ready_once_joined_and_not_after_the_loop_ended() {
        CompletableFuture<Void> termination = new CompletableFuture<>();
        Readiness readiness = PipelineMetrics.readiness("worker", termination, probe);
        assertThat(readiness.check().ready()).isFalse();
        assertThat(readiness.check().detail()).isEqualTo("not ready: the worker's consumer has not joined its group yet");

        put("consumer-coordinator-metrics", "rebalance-total", Map.of("client-id", "c"), 1.0);
        assertThat(readiness.check().ready()).isTrue();

        put("consumer-coordinator-metrics", "assigned-partitions", Map.of("client-id", "c"), 6.0);
        assertThat(readiness.check().detail()).isEqualTo("ready: the worker holds 6 partitions");

        termination.complete(null);
        assertThat(readiness.check()).isEqualTo(Readiness.Status.notReady("not ready: the worker has stopped"));
    }

    private void lag(String partition, double value) {
        put("consumer-fetch-manager-metrics", "records-lag", Map.of("client-id", "c", "topic", "t",
                "partition", partition), value);
    }

    private void put(String group, String name, Map<String, String> tags, double value) {
        MetricName metricName = new MetricName(name, group, "", tags);
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
