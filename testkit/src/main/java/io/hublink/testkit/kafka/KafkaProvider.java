package io.hublink.testkit.kafka;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/** Where test Kafka clusters come from. */
public enum KafkaProvider {

    /** A broker inside this JVM; needs no Docker. */
    EMBEDDED {
        @Override
        public KafkaCluster start() {
            return EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults());
        }
    },

    /** Testcontainers' Kafka (needs a Docker engine and the optional testcontainers-kafka dependency). */
    TESTCONTAINERS {
        @Override
        public KafkaCluster start() {
            // Loaded by name so the embedded path never needs Testcontainers on the class path.
            String className = KafkaProvider.class.getPackageName() + ".TestcontainersKafkaCluster";
            try {
                return (KafkaCluster) Class.forName(className).getMethod("start").invoke(null);
            } catch (ClassNotFoundException | NoClassDefFoundError | NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException(PROPERTY + "=testcontainers needs org.testcontainers:"
                        + "testcontainers-kafka on the test class path", e);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof NoClassDefFoundError) {
                    throw new IllegalStateException(PROPERTY + "=testcontainers needs org.testcontainers:"
                            + "testcontainers-kafka on the test class path", cause);
                }
                throw cause instanceof RuntimeException ? (RuntimeException) cause
                        : new IllegalStateException("cannot start Testcontainers' Kafka", cause);
            }
        }
    };

    /** The system property that chooses the provider. */
    public static final String PROPERTY = "kafka.provider";

    /** Starts a cluster of this kind. */
    public abstract KafkaCluster start();

    /** The provider named by {@value #PROPERTY}; {@link #EMBEDDED} when it is unset or blank. */
    public static KafkaProvider fromSystemProperty() {
        return from(System.getProperty(PROPERTY));
    }

    static KafkaProvider from(String value) {
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "embedded":
                return EMBEDDED;
            case "testcontainers":
                return TESTCONTAINERS;
            default:
                throw new IllegalArgumentException(
                        PROPERTY + " must be 'embedded' or 'testcontainers', was '" + value.strip() + "'");
        }
    }
}
