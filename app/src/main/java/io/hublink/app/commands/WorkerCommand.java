package io.hublink.app.commands;

import io.hublink.ops.PipelineMetrics;
import io.hublink.worker.LinkerWorker;
import io.hublink.worker.LinkerWorker.WorkerSettings;
import io.hublink.worker.metrics.WorkerMetrics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "The linker worker: consumes link requests, asks ClickUp, produces AccountLinked / LinkFailed.")
public final class WorkerCommand extends Subcommand {

    @Option(names = "--bootstrap-servers", paramLabel = "B", defaultValue = "${env:HUBLINK_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers. Env: HUBLINK_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--clickup-url", paramLabel = "U", defaultValue = "${env:HUBLINK_CLICKUP_URL:-https://api.clickup.com}",
            description = "ClickUp's API base URL (default: ${DEFAULT-VALUE}). Env: HUBLINK_CLICKUP_URL.")
    String clickupUrl;

    @Option(names = "--keys", paramLabel = "FILE", defaultValue = "${env:HUBLINK_KEYS_FILE}",
            description = "The keyring file. Env: HUBLINK_KEYS_FILE.")
    Path keys;

    @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:HUBLINK_INSTANCE_ID}",
            description = "Stable, unique per running instance (default: the host name). Env: HUBLINK_INSTANCE_ID.")
    String instanceId;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "${env:HUBLINK_MAX_IN_FLIGHT:-1024}",
            description = "Validations in flight before intake pauses (default: ${DEFAULT-VALUE}). Env: HUBLINK_MAX_IN_FLIGHT.")
    int maxInFlight;

    @Mixin
    ResilienceOptions resilience;

    @Mixin
    OpsPort ops;

    @Option(names = "--transaction-timeout", paramLabel = "DURATION",
            defaultValue = "${env:HUBLINK_TRANSACTION_TIMEOUT:-30s}", converter = DurationConverter.class,
            description = {"How long an unfinished transaction of this instance (after a crash) may stay open "
                    + "before the broker aborts it; meanwhile readers of its partitions wait. A restart with the same "
                    + "--instance-id aborts it at once (default: ${DEFAULT-VALUE}). Env: HUBLINK_TRANSACTION_TIMEOUT."})
    Duration transactionTimeout;

    @Override
    int run() throws Exception {
        URI clickup = ClickUpUrl.parse(clickupUrl);
        WorkerSettings settings = WorkerSettings.of(common.connection(bootstrapServers), clickup,
                        KeyringOption.load(keys), InstanceId.orHostName(instanceId))
                .withMaxInFlight(maxInFlight)
                .withValidator(resilience.validator())
                .withTimeouts(resilience.timeouts())
                .withDefaultDeadline(resilience.defaultDeadline())
                .withTransactionTimeout(transactionTimeout);
        OpsPort.Loop loop = ops.loop("worker");
        AutoCloseable opsServer = ops.serve("worker", List.of());
        LinkerWorker worker;
        try {
            worker = LinkerWorker.start(settings,
                    PipelineMetrics.register(ops.registry, LinkerWorker.GROUP_ID, loop.probe()),
                    WorkerMetrics.of(ops.registry));
        } catch (RuntimeException e) {
            opsServer.close();
            throw e;
        }
        loop.started(worker::consumerMetrics, worker.termination());
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WorkerCommand.class);
        log.info("worker started (instance id {}, ClickUp at {})", settings.instanceId(), clickup);
        int exit = Lifecycle.runUntilStopped(worker.termination(), opsServer, worker);
        log.info("worker stopped (instance id {})", settings.instanceId());
        return exit;
    }
}
