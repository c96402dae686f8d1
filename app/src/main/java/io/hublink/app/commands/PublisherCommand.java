package io.hublink.app.commands;

import io.hublink.ops.PipelineMetrics;
import io.hublink.ops.Readiness;
import io.hublink.publisher.StatusPublisher;
import io.hublink.publisher.StatusPublisher.PublisherSettings;
import io.hublink.publisher.ops.PublisherMetrics;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publisher", mixinStandardHelpOptions = true,
        description = "The status publisher: turns each outcome into exactly one LinkNotification.")
public final class PublisherCommand extends Subcommand {

    @Option(names = "--bootstrap-servers", paramLabel = "B", defaultValue = "${env:HUBLINK_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers. Env: HUBLINK_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:HUBLINK_INSTANCE_ID}",
            description = "Stable, unique per running instance (default: the host name). Env: HUBLINK_INSTANCE_ID.")
    String instanceId;

    @Mixin
    OpsPort ops;

    @Override
    int run() throws Exception {
        PublisherSettings settings = PublisherSettings.of(common.connection(bootstrapServers),
                InstanceId.orHostName(instanceId));
        AutoCloseable opsServer = ops.serve("publisher", ops.readiness("publisher", Readiness.ALWAYS), List.of());
        StatusPublisher publisher;
        try {
            publisher = StatusPublisher.start(settings,
                    PipelineMetrics.register(ops.registry, StatusPublisher.GROUP_ID, ops.probe()),
                    new PublisherMetrics(ops.registry));
        } catch (RuntimeException e) {
            opsServer.close();
            throw e;
        }
        ops.started(new OpsPort.Loop(publisher::consumerMetrics, publisher.termination()));
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PublisherCommand.class);
        log.info("publisher started (instance id {})", settings.instanceId());
        int exit = Lifecycle.runUntilStopped(publisher.termination(), opsServer, publisher);
        log.info("publisher stopped (instance id {})", settings.instanceId());
        return exit;
    }
}
