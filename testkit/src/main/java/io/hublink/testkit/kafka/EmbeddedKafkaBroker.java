package io.hublink.testkit.kafka;

import io.hublink.testkit.logging.SecretSafeLogging;
import java.nio.file.Path;
import java.time.Duration;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) inside this JVM, for tests, the demo and the
 * benchmark on machines without Docker. It listens on 127.0.0.1 only.
 *
 * <p>Restart: {@link #restart()}, or close it and start again with
 * {@code options.withPort(broker.port()).withDataDir(broker.dataDir())}; a data directory that holds a formatted log
 * is started on as it is, never reformatted, so the records survive. (A temporary data directory, the default, is
 * deleted on close and so cannot be restarted on.)
 *
 * <p>Logging goes to SLF4J only; the broker's request logger is capped at INFO because its debug output describes
 * requests in detail. Records' contents are never logged.
 */
public final class EmbeddedKafkaBroker implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final BrokerOptions options;
    private final BrokerDataDir dataDir;
    private final BrokerConfig config;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(BrokerOptions options, BrokerDataDir dataDir, BrokerConfig config, KafkaRaftServer server) {
        this.options = options;
        this.dataDir = dataDir;
        this.config = config;
        this.server = server;
    }

    /** Starts a broker and returns once clients can use it. */
    public static EmbeddedKafkaBroker start(BrokerOptions options) {
        SecretSafeLogging.install();
        BrokerDataDir dataDir = BrokerDataDir.of(options);
        if (options.haltReplaced()) {
            KafkaExitGuard.acquire();
        }
        try {
            return startOn(options, dataDir);
        } catch (RuntimeException | Error e) {
            if (options.haltReplaced()) {
                KafkaExitGuard.release();
            }
            dataDir.deleteIfTemporary();
            throw e;
        }
    }

    /** Starts a broker with {@link BrokerOptions#ofDefaults()}. */
    public static EmbeddedKafkaBroker start() {
        return start(BrokerOptions.ofDefaults());
    }

    private static EmbeddedKafkaBroker startOn(BrokerOptions options, BrokerDataDir dataDir) {
        long started = System.nanoTime();
        RuntimeException failure = null;
        // Free ports are picked before Kafka binds them; another process may take one in between. Retrying with
        // fresh ports covers that race (a port the caller chose is not changed).
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = options.port() == 0 ? FreePort.pick() : options.port();
            int saslPort = options.saslPlainUsers().isEmpty() ? 0 : FreePort.pick();
            BrokerConfig config = new BrokerConfig(NODE_ID, port, FreePort.pick(), dataDir.logDir(),
                    options.partitions(), saslPort, options.saslPlainUsers());
            try {
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(options, dataDir, config, launch(config, dataDir));
                LOG.info("Embedded Kafka broker ready at {} in {} ms (data in {})", config.bootstrapServers(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir.root());
                return broker;
            } catch (RuntimeException e) {
                failure = e;
                LOG.warn("Embedded Kafka broker failed to start (attempt {} of {}): {}", attempt, START_ATTEMPTS,
                        e.toString());
                if (options.port() != 0) {
                    break;
                }
            }
        }
        throw failure;
    }

    private static KafkaRaftServer launch(BrokerConfig config, BrokerDataDir dataDir) {
        KafkaRaftServer server = null;
        try {
            if (dataDir.isFormatted()) {
                LOG.info("Starting on the existing data in {}", dataDir.root());
            } else {
                StorageFormatter.format(config);
            }
            server = new KafkaRaftServer(KafkaConfig.fromProps(config.toProperties(), false), Time.SYSTEM);
            server.startup();
            BrokerReadiness.await(config.bootstrapServers(), READY_TIMEOUT);
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(server);
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            stopQuietly(server);
            throw e instanceof RuntimeException ? (RuntimeException) e
                    : new IllegalStateException("cannot start the embedded Kafka broker", e);
        }
    }

    /**
     * Closes this broker (if it is still running) and starts a new one on the same port and data directory, as a
     * broker restarted by its operator would be. Needs a data directory chosen with
     * {@link BrokerOptions#withDataDir}: a temporary one is deleted on close.
     */
    public EmbeddedKafkaBroker restart() {
        if (options.chosenDataDir().isEmpty()) {
            throw new IllegalStateException("restart needs a data directory chosen with BrokerOptions.withDataDir; "
                    + "this broker's temporary one is deleted on close");
        }
        close();
        return start(options.withPort(port()).withDataDir(dataDir()));
    }

    @Override
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /**
     * The SASL_PLAINTEXT listener (mechanism PLAIN) of a broker started with
     * {@link BrokerOptions#withSaslPlainUsers}; clients there need {@code security.protocol=SASL_PLAINTEXT},
     * {@code sasl.mechanism=PLAIN} and a {@code sasl.jaas.config} naming one of its users.
     */
    public String saslBootstrapServers() {
        return config.saslBootstrapServers();
    }

    public int port() {
        return config.port();
    }

    /** The data directory (the one chosen, or the temporary one). */
    public Path dataDir() {
        return dataDir.root();
    }

    /** The options this broker was started with. */
    public BrokerOptions options() {
        return options;
    }

    /** Shuts the broker down cleanly and waits for it; deletes a temporary data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopQuietly(server);
            LOG.info("Embedded Kafka broker at {} stopped", config.bootstrapServers());
        } finally {
            if (options.haltReplaced()) {
                KafkaExitGuard.release();
            }
            dataDir.deleteIfTemporary();
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka broker did not shut down cleanly: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + config.bootstrapServers() + "]";
    }
}
