package io.hublink.ops;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Reads what a Kafka consumer knows about itself from its own metrics: whether it has joined its group, how many
 * partitions it holds, and how far behind it is. Cheap and thread-safe (the metrics live in a concurrent map), so
 * health checks and scrapes can call it from any thread.
 */
public final class ConsumerProbe {

    private static final String COORDINATOR = "consumer-coordinator-metrics";
    private static final String FETCH_MANAGER = "consumer-fetch-manager-metrics";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    public ConsumerProbe(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    /** Partitions assigned to this consumer now. */
    public int assignedPartitions() {
        return (int) sum(COORDINATOR, "assigned-partitions");
    }

    /**
     * Joined its group: it holds partitions, or at least one rebalance has completed (a member of a group with more
     * members than partitions holds none and is still ready to take some over).
     */
    public boolean joined() {
        return assignedPartitions() > 0 || sum(COORDINATOR, "rebalance-total") > 0;
    }

    /**
     * Records behind the end of the log (read_committed: the last stable offset) summed over the assigned
     * partitions, as of each partition's latest fetch. 0 when nothing is assigned.
     */
    public long lag() {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            MetricName name = entry.getKey();
            if (name.group().equals(FETCH_MANAGER) && name.name().equals("records-lag")
                    && name.tags().containsKey("partition")) {
                double value = value(entry.getValue());
                if (value > 0) {
                    total += value;
                }
            }
        }
        return (long) total;
    }

    private double sum(String group, String metricName) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
            if (entry.getKey().group().equals(group) && entry.getKey().name().equals(metricName)) {
                double value = value(entry.getValue());
                if (value > 0) {
                    total += value;
                }
            }
        }
        return total;
    }

    private static double value(Metric metric) {
        Object value = metric.metricValue();
        if (value instanceof Number) {
            double number = ((Number) value).doubleValue();
            return Double.isNaN(number) || Double.isInfinite(number) ? 0 : number;
        }
        return 0;
    }
}
