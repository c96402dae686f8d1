package io.hublink.app;

import java.util.Locale;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Which Kafka client settings hold secrets: those Kafka itself declares as passwords, and look-alikes. */
final class KafkaPasswords {

    private KafkaPasswords() {
    }

    /**
     * True for settings of type PASSWORD in any client's definition ({@code ssl.key.password},
     * {@code sasl.jaas.config}, {@code ssl.keystore.key}, …) and, for names no client defines (a plug-in's, a
     * listener-prefixed one), for names that say password, secret or JAAS.
     */
    static boolean isPassword(String name) {
        ConfigDef.ConfigKey key = Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
                        AdminClientConfig.configDef())
                .map(def -> def.configKeys().get(name))
                .filter(k -> k != null)
                .findFirst()
                .orElse(null);
        if (key != null) {
            return key.type == ConfigDef.Type.PASSWORD;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas");
    }
}
