package io.hublink.app;

import io.hublink.pipeline.KafkaConnection;
import io.hublink.schemas.SecretFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Options every command takes; each flag has an environment equivalent. */
public class CommonOptions {

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:HUBLINK_KAFKA_CONFIG}",
            description = "Kafka client properties (TLS, SASL, …) for every client. Env: HUBLINK_KAFKA_CONFIG.")
    Path kafkaConfig;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:HUBLINK_LOG_LEVEL}",
            description = "TRACE, DEBUG, INFO, WARN, ERROR or OFF (logs go to standard error). Env: HUBLINK_LOG_LEVEL.")
    String logLevel;

    public void applyLogLevel() {
        LogLevels.apply(logLevel);
    }

    /** Unless {@code --log-level} was given, libraries log only errors. */
    public void quietLibrariesUnlessAsked() {
        if (logLevel == null) {
            LogLevels.quietLibraries();
        }
    }

    /** The Kafka connection from a bootstrap list and the optional client properties file. */
    public KafkaConnection connection(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigurationException(
                    "bootstrap-servers: missing (flag --bootstrap-servers or HUBLINK_BOOTSTRAP_SERVERS)");
        }
        Map<String, String> clientProperties = clientProperties();
        if (!clientProperties.isEmpty()) {
            KafkaClientSettings.check(kafkaConfig, clientProperties);
        }
        return new KafkaConnection(bootstrapServers, clientProperties);
    }

    /** The properties of {@code --kafka-config}, as they are in the file; empty without one. */
    Map<String, String> clientProperties() {
        if (kafkaConfig == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("kafka-config " + kafkaConfig + ": file not found");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("kafka-config " + kafkaConfig + ": cannot be read as properties");
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        if (values.keySet().stream().anyMatch(KafkaPasswords::isPassword)) {
            SecretFiles.warnIfOthersCanAccess(kafkaConfig, "kafka-config");
        }
        return values;
    }
}
