package io.hublink.testkit.kafka;

/**
 * A running Kafka cluster that tests talk to through its bootstrap servers.
 *
 * <p>{@link #start()} picks the provider named by the system property {@value KafkaProvider#PROPERTY}:
 * {@code embedded} (the default: {@link EmbeddedKafkaBroker} inside this JVM) or {@code testcontainers} (Kafka in a
 * Docker container). Testcontainers is used only when asked for explicitly, never because a {@code docker} command
 * happens to exist: these machines have the command but no engine.
 */
public interface KafkaCluster extends AutoCloseable {

    /** {@code host:port[,host:port…]} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Stops the cluster and waits until it has stopped. */
    @Override
    void close();

    /** Starts the cluster of the provider named by {@code -Dkafka.provider}. */
    static KafkaCluster start() {
        return KafkaProvider.fromSystemProperty().start();
    }
}
