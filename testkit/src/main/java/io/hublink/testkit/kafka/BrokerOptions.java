package io.hublink.testkit.kafka;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to start an {@link EmbeddedKafkaBroker}. Immutable; validated once, in the constructor.
 *
 * @param port the PLAINTEXT port on 127.0.0.1; 0 picks a free one
 * @param dataDir where the broker keeps its data; {@code null} means a fresh temporary directory that is deleted on
 *     close. A directory the broker has formatted before is started on as it is (a restart), never reformatted.
 * @param partitions the number of partitions of topics the broker creates by itself (auto-created topics)
 * @param haltReplaced whether Kafka's JVM halt and exit are replaced by an exception, so a fatal broker fault fails
 *     the test instead of killing the JVM
 */
public record BrokerOptions(int port, Path dataDir, int partitions, boolean haltReplaced) {

    /** The partition count of hublink's own topics (DESIGN: "6 partitions unless configured"). */
    public static final int DEFAULT_PARTITIONS = 6;

    public BrokerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("broker option port must be 0 (any free port) or 1-65535, was " + port);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("broker option partitions must be at least 1, was " + partitions);
        }
    }

    public static BrokerOptions ofDefaults() {
        return new BrokerOptions(0, null, DEFAULT_PARTITIONS, true);
    }

    public BrokerOptions withPort(int port) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced);
    }

    public BrokerOptions withDataDir(Path dataDir) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced);
    }

    public BrokerOptions withPartitions(int partitions) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced);
    }

    public BrokerOptions withHaltReplaced(boolean haltReplaced) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced);
    }

    /** The data directory the caller chose, if any. */
    public Optional<Path> chosenDataDir() {
        return Optional.ofNullable(dataDir);
    }
}
