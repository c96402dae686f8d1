package io.hublink.testkit.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The broker properties of a single-node KRaft cluster that starts in about two seconds.
 *
 * @param nodeId the node id, which the storage format records too
 * @param port the PLAINTEXT (client) port
 * @param controllerPort the CONTROLLER port, only used inside the broker
 * @param logDir the one log directory (data and metadata log)
 * @param partitions partitions of auto-created topics
 */
record BrokerConfig(int nodeId, int port, int controllerPort, Path logDir, int partitions) {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String HOST = "127.0.0.1";

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
}
