package io.hublink.testkit.kafka;

import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in a Docker container (the official apache/kafka image, KRaft). Only {@link KafkaProvider#TESTCONTAINERS}
 * loads this class, by name, so Testcontainers stays an optional dependency.
 */
final class TestcontainersKafkaCluster implements KafkaCluster {

    /** The image; override with {@code -Dkafka.image=…}. */
    static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private final KafkaContainer container;

    private TestcontainersKafkaCluster(KafkaContainer container) {
        this.container = container;
    }

    public static KafkaCluster start() {
        KafkaContainer container = new KafkaContainer(System.getProperty("kafka.image", DEFAULT_IMAGE));
        container.start();
        return new TestcontainersKafkaCluster(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
