package io.hublink.testkit.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats a fresh KRaft log directory, as {@code kafka-storage.sh format} would. */
final class StorageFormatter {

    private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);

    private StorageFormatter() {
    }

    static void format(BrokerConfig config) throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        String logDir = config.logDir().toAbsolutePath().toString();
        new Formatter()
                // The formatter reports to standard output; logs go to SLF4J only, so its report is dropped.
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setMetadataLogDirectory(logDir)
                .setDirectories(List.of(logDir))
                .run();
        LOG.info("Formatted {} for cluster {}", logDir, clusterId);
    }
}
