package io.hublink.testkit.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The broker properties of a single-node KRaft cluster that starts in about two seconds.
 *
 * @param nodeId the node id, which the storage format records too
 * @param port the PLAINTEXT (client) port
 * @param controllerPort the CONTROLLER port, only used inside the broker
 * @param logDir the one log directory (data and metadata log)
 * @param partitions partitions of auto-created topics
 * @param saslPort the SASL_PLAINTEXT (client) port, 0 for none
 * @param saslPlainUsers the users that listener accepts (name to password)
 */
record BrokerConfig(int nodeId, int port, int controllerPort, Path logDir, int partitions, int saslPort,
                    Map<String, String> saslPlainUsers) {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String SASL_LISTENER = "SASL_PLAINTEXT";
    static final String HOST = "127.0.0.1";

    BrokerConfig(int nodeId, int port, int controllerPort, Path logDir, int partitions) {
        this(nodeId, port, controllerPort, logDir, partitions, 0, Map.of());
    }

    Properties toProperties() {
        Properties p = new Properties();
        // One JVM is both the controller quorum (of one voter) and the broker.
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        if (saslPort != 0) {
            // A second client listener for tests of clients' SASL settings; the broker itself keeps PLAINTEXT.
            String sasl = SASL_LISTENER + "://" + HOST + ":" + saslPort;
            p.setProperty("listeners", p.getProperty("listeners") + "," + sasl);
            p.setProperty("advertised.listeners", p.getProperty("advertised.listeners") + "," + sasl);
            p.setProperty("listener.security.protocol.map",
                    p.getProperty("listener.security.protocol.map") + "," + SASL_LISTENER + ":SASL_PLAINTEXT");
            p.setProperty("sasl.enabled.mechanisms", "PLAIN");
            p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required "
                            + saslPlainUsers.entrySet().stream()
                                    .map(user -> "user_" + user.getKey() + "=\"" + user.getValue() + "\"")
                                    .collect(Collectors.joining(" "))
                            + ";");
        }
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());

        // A single node can only hold one replica; the internal topics' defaults (3) would never become available.
        // One partition each makes the coordinators load at once instead of loading 50.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("default.replication.factor", "1");

        // Tests join groups constantly; the default 3 s wait for more members is pure delay here.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The log cleaner reserves its dedupe buffer up front (128 MiB by default); 2 MiB is plenty for tests.
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        // Auto-creation stays on (Kafka's default, and the apache/kafka image's), so both providers behave alike;
        // hublink creates its own topics anyway.
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("num.partitions", Integer.toString(partitions));
        // Heartbeat sooner so the broker is unfenced (ready) sooner after start.
        p.setProperty("broker.heartbeat.interval.ms", "500");
        return p;
    }

    String bootstrapServers() {
        return HOST + ":" + port;
    }

    String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("this broker has no SASL listener: start it with "
                    + "BrokerOptions.withSaslPlainUsers");
        }
        return HOST + ":" + saslPort;
    }

    /** Names the SASL users, never their passwords. */
    @Override
    public String toString() {
        return "BrokerConfig[port=" + port + ", saslPort=" + saslPort + ", logDir=" + logDir + "]";
    }
}
