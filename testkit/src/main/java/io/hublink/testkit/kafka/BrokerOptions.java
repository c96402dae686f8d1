package io.hublink.testkit.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How to start an {@link EmbeddedKafkaBroker}. Immutable; validated once, in the constructor.
 *
 * @param port the PLAINTEXT port on 127.0.0.1; 0 picks a free one
 * @param dataDir where the broker keeps its data; {@code null} means a fresh temporary directory that is deleted on
 *     close. A directory the broker has formatted before is started on as it is (a restart), never reformatted.
 * @param partitions the number of partitions of topics the broker creates by itself (auto-created topics)
 * @param haltReplaced whether Kafka's JVM halt and exit are replaced by an exception, so a fatal broker fault fails
 *     the test instead of killing the JVM
 * @param saslPlainUsers when not empty, a second client listener, SASL_PLAINTEXT with the PLAIN mechanism, that
 *     accepts these users (name to password), for tests of clients' security settings; the PLAINTEXT listener stays
 */
public record BrokerOptions(int port, Path dataDir, int partitions, boolean haltReplaced,
                            Map<String, String> saslPlainUsers) {

    /** The partition count of hublink's own topics (DESIGN: "6 partitions unless configured"). */
    public static final int DEFAULT_PARTITIONS = 6;

    public BrokerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("broker option port must be 0 (any free port) or 1-65535, was " + port);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("broker option partitions must be at least 1, was " + partitions);
        }
        saslPlainUsers = Map.copyOf(saslPlainUsers);
        saslPlainUsers.forEach((user, password) -> {
            // They end up inside a JAAS configuration string, between double quotes.
            if (!user.matches("[A-Za-z0-9_.-]+") || password.isEmpty() || password.contains("\"")
                    || password.contains("\\")) {
                throw new IllegalArgumentException("broker option saslPlainUsers: user names are [A-Za-z0-9_.-]+ "
                        + "and passwords are not empty and hold no quote or backslash (user " + user + ")");
            }
        });
    }

    /** Options without a SASL listener. */
    public BrokerOptions(int port, Path dataDir, int partitions, boolean haltReplaced) {
        this(port, dataDir, partitions, haltReplaced, Map.of());
    }

    public static BrokerOptions ofDefaults() {
        return new BrokerOptions(0, null, DEFAULT_PARTITIONS, true);
    }

    public BrokerOptions withPort(int port) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced, saslPlainUsers);
    }

    public BrokerOptions withDataDir(Path dataDir) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced, saslPlainUsers);
    }

    public BrokerOptions withPartitions(int partitions) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced, saslPlainUsers);
    }

    public BrokerOptions withHaltReplaced(boolean haltReplaced) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced, saslPlainUsers);
    }

    /** Adds a SASL_PLAINTEXT listener (mechanism PLAIN) accepting these users; see {@code saslBootstrapServers()}. */
    public BrokerOptions withSaslPlainUsers(Map<String, String> users) {
        return new BrokerOptions(port, dataDir, partitions, haltReplaced, users);
    }

    /** Names the SASL users, never their passwords. */
    @Override
    public String toString() {
        return "BrokerOptions[port=" + port + ", dataDir=" + dataDir + ", partitions=" + partitions
                + ", haltReplaced=" + haltReplaced + ", saslPlainUsers=" + new TreeSet<>(saslPlainUsers.keySet()) + "]";
    }

    /** The data directory the caller chose, if any. */
    public Optional<Path> chosenDataDir() {
        return Optional.ofNullable(dataDir);
    }
}
