package io.hublink.app.commands;

import io.hublink.pipeline.PipelineListener;
import io.hublink.publisher.StatusPublisher;
import io.hublink.publisher.StatusPublisher.PublisherSettings;
import java.time.Duration;
import picocli.CommandLine.Command;
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

    @Option(names = "--transaction-timeout", paramLabel = "DURATION",
            defaultValue = "${env:HUBLINK_TRANSACTION_TIMEOUT:-30s}", converter = DurationConverter.class,
            description = {"How long an unfinished transaction of this instance (after a crash) may stay open "
                    + "before the broker aborts it; meanwhile readers of its partitions wait. A restart with the same "
                    + "--instance-id aborts it at once (default: ${DEFAULT-VALUE}). Env: HUBLINK_TRANSACTION_TIMEOUT."})
    Duration transactionTimeout;

    @Override
    int run() {
        PublisherSettings settings = PublisherSettings.of(common.connection(bootstrapServers),
                InstanceId.orHostName(instanceId)).withTransactionTimeout(transactionTimeout);
        StatusPublisher publisher = StatusPublisher.start(settings, PipelineListener.NONE);
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PublisherCommand.class);
        log.info("publisher started (instance id {})", settings.instanceId());
        int exit = Lifecycle.runUntilStopped(publisher.termination(), publisher);
        log.info("publisher stopped (instance id {})", settings.instanceId());
        return exit;
    }
}
