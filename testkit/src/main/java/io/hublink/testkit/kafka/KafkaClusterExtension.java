package io.hublink.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Kafka cluster per test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();
 * }</pre>
 *
 * <p>The cluster starts before the class's first test and stops after its last; nested classes share it. The provider
 * is chosen by {@code -Dkafka.provider} (see {@link KafkaCluster}).
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProvider provider;
    private KafkaCluster cluster;
    private Admin admin;
    private String ownerId;

    /** The provider named by {@code -Dkafka.provider}. */
    public KafkaClusterExtension() {
        this(KafkaProvider.fromSystemProperty());
    }

    public KafkaClusterExtension(KafkaProvider provider) {
        this.provider = provider;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        // Nested classes see the extension again; only the outermost class starts (and stops) the cluster.
        if (cluster == null) {
            cluster = provider.start();
            ownerId = context.getUniqueId();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (cluster == null || !context.getUniqueId().equals(ownerId)) {
            return;
        }
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        } finally {
            admin = null;
            cluster.close();
            cluster = null;
        }
    }

    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** Creates topics with that many partitions (replication factor 1) and waits until they exist. */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .collect(Collectors.toList());
        create(topics);
    }

    /** Creates a log-compacted topic (cleanup.policy=compact) and waits until it exists. */
    public void createCompactedTopic(String name, int partitions) {
        create(List.of(new NewTopic(name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
    }

    /**
     * Every record of a topic from the beginning, as {@code read_committed} consumers see them (no consumer group),
     * in partition order then offset order; returns once no new record has arrived for {@code idle}.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration idle) {
        return TopicReader.readAll(bootstrapServers(), topic, idle);
    }

    /** An Admin client on the cluster, owned by this extension (do not close it). */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        }
        return admin;
    }

    private void create(List<NewTopic> topics) {
        try {
            admin().createTopics(new ArrayList<>(topics)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics "
                    + topics.stream().map(NewTopic::name).collect(Collectors.toList()), e);
        }
    }

    private synchronized KafkaCluster running() {
        if (cluster == null) {
            throw new IllegalStateException("the Kafka cluster is not running: register KafkaClusterExtension with "
                    + "@RegisterExtension on a static field");
        }
        return cluster;
    }
}
