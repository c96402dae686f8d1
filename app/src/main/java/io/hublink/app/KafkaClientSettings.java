package io.hublink.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * Checks {@code --kafka-config} at start-up, before any client depends on it: the settings are parsed the way every
 * Kafka client parses them, and the client's channel builder, the part that reads the JAAS configuration (and logs
 * in) and loads key and trust stores, is built and closed again, without connecting to any broker. A mistake there
 * then stops start-up with one line naming the file, instead of surfacing later as a broker that seems not to
 * answer. The line never quotes a value: Kafka's own messages hide password-type
 * settings, and other libraries' messages are withheld ({@link SafeThrowables}).
 */
final class KafkaClientSettings {

    /** Required by the config's parser; never contacted. */
    private static final String NOWHERE = "127.0.0.1:9";

    private KafkaClientSettings() {
    }

    /** The parser's own message can quote a piece of a password, so the setting is named from where it failed. */
    private static boolean fromJaasParser(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("org.apache.kafka.common.security.JaasConfig")) {
                    return true;
                }
            }
        }
        return false;
    }

    static void check(Path file, Map<String, String> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "hublink-settings-check");
        try (ChannelBuilder channels = ClientUtils.createChannelBuilder(new AdminClientConfig(config), Time.SYSTEM,
                new LogContext("[hublink-settings-check] "))) {
            // Built: the security settings are usable.
        } catch (KafkaException | IllegalArgumentException e) {
            // Kafka's JAAS parser throws a bare IllegalArgumentException whose message can quote a piece of the
            // configuration; the operator error handler would print it as it is.
            String what = fromJaasParser(e)
                    ? "sasl.jaas.config cannot be parsed (quote each value in double quotes, end the entry with ;)"
                    : "the Kafka client refuses these settings: " + SafeThrowables.oneLine(e);
            throw new ConfigurationException("kafka-config " + file + ": " + what);
        }
    }
}
