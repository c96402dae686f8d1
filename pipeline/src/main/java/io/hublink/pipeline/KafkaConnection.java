package io.hublink.pipeline;

import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Where Kafka is and how to talk to it. {@code clientProperties} come from {@code --kafka-config FILE} (TLS, SASL, …)
 * and pass through to every client; hublink's own settings win where they overlap, because the guarantees rest on them.
 * They hold passwords ({@code ssl.key.password}, {@code sasl.jaas.config}), so {@link #toString()} names them only.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientProperties) {

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap-servers: missing (flag --bootstrap-servers or HUBLINK_BOOTSTRAP_SERVERS)");
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** The user's client properties, then bootstrap.servers, then {@code overrides}. */
    public Properties properties(Map<String, Object> overrides) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("bootstrap.servers", bootstrapServers);
        props.putAll(overrides);
        return props;
    }

    /** The bootstrap servers and the names of the client properties, never their values. */
    @Override
    public String toString() {
        return "KafkaConnection[bootstrapServers=" + bootstrapServers + ", clientProperties="
                + new TreeSet<>(clientProperties.keySet()) + "]";
    }
}
