package io.hublink.app.commands;

import io.hublink.ops.OpsEndpoint;
import io.hublink.ops.OpsResponse;
import io.hublink.ops.PipelineMetrics;
import io.hublink.publisher.NotificationObserver;
import io.hublink.publisher.StatusPublisher;
import io.hublink.publisher.StatusPublisher.PublisherSettings;
import java.time.Duration;
import io.hublink.publisher.ops.OpsPage;
import io.hublink.publisher.ops.OpsState;
import io.hublink.publisher.ops.PublisherMetrics;
import io.hublink.publisher.ops.WebhookMetrics;
import io.hublink.publisher.webhooks.WebhookDeliveryService;
import io.hublink.publisher.webhooks.WebhookEndpoints;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publisher", mixinStandardHelpOptions = true,
        description = "The status publisher: turns each outcome into exactly one LinkNotification, and delivers "
                + "each committed notification to its tenant's webhook.")
public final class PublisherCommand extends Subcommand {

    private static final Logger log = LoggerFactory.getLogger(PublisherCommand.class);

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

    @Option(names = "--webhooks", paramLabel = "FILE", defaultValue = "${env:HUBLINK_WEBHOOKS_FILE}",
            description = "Per tenant a webhook URL and its signing secrets (JSON, mode 0600): {\"tenants\": "
                    + "{\"t-1\": {\"url\": \"https://…\", \"secrets\": [\"…\"]}}}. Default: no webhooks. "
                    + "Env: HUBLINK_WEBHOOKS_FILE.")
    Path webhooks;

    @Option(names = "--templates", paramLabel = "FILE", defaultValue = "${env:HUBLINK_TEMPLATES_FILE}",
            description = "Per-tenant titles and messages by reason, with {placeholders} (JSON; see the README). "
                    + "Checked at start-up. Default: hublink's own wording. Env: HUBLINK_TEMPLATES_FILE.")
    Path templates;

    @Mixin
    OpsPort ops;

    @Override
    int run() throws Exception {
        PublisherSettings settings = PublisherSettings.of(common.connection(bootstrapServers),
                InstanceId.orHostName(instanceId)).withTransactionTimeout(transactionTimeout)
                .withTemplates(TemplatesOption.load(templates));
        WebhookEndpoints endpoints = webhooks == null ? null : WebhooksOption.load(webhooks);

        OpsPort.Loop publishing = ops.loop("publisher");
        OpsPort.Loop delivering = endpoints == null ? null : ops.loop("webhook delivery");
        OpsState seen = new OpsState(Clock.systemUTC());
        AtomicReference<WebhookDeliveryService> deliveryStarted = new AtomicReference<>();
        OpsPage page = new OpsPage(new OpsPage.Sources(seen, () -> {
            Map<String, Long> lags = new TreeMap<>();
            lags.put(StatusPublisher.GROUP_ID, publishing.probe().lag());
            if (delivering != null) {
                lags.put(WebhookDeliveryService.GROUP_ID, delivering.probe().lag());
            }
            return lags;
        }, () -> deliveryStarted.get() == null ? Map.of() : deliveryStarted.get().endpointStates(),
                Clock.systemUTC()));
        List<AutoCloseable> running = new ArrayList<>();
        running.add(ops.serve("publisher", List.of(
                OpsEndpoint.of("/", () -> OpsResponse.html(page.html())),
                OpsEndpoint.of(OpsPage.STATE_PATH, () -> OpsResponse.json(page.json())))));
        CompletableFuture<Void> firstEnd;
        try {
            StatusPublisher publisher = StatusPublisher.start(settings,
                    PipelineMetrics.register(ops.registry, StatusPublisher.GROUP_ID, publishing.probe()),
                    NotificationObserver.all(List.of(new PublisherMetrics(ops.registry), seen)));
            running.add(publisher);
            publishing.started(publisher::consumerMetrics, publisher.termination());
            firstEnd = publisher.termination();
            if (endpoints != null) {
                PipelineMetrics.registerConsumerGauges(ops.registry, WebhookDeliveryService.GROUP_ID,
                        delivering.probe());
                WebhookDeliveryService delivery = WebhookDeliveryService.start(WebhookDeliveryService.Config
                        .of(settings.connection(), settings.topics().notifications(), endpoints,
                                settings.instanceId())
                        .withObserver(new WebhookMetrics(ops.registry, endpoints.tenants())));
                running.add(delivery);
                deliveryStarted.set(delivery);
                delivering.started(delivery::consumerMetrics, delivery.termination());
                firstEnd = CompletableFuture.anyOf(firstEnd, delivery.termination()).thenApply(ignored -> null);
            }
        } catch (RuntimeException e) {
            Lifecycle.closeAll(running.toArray(new AutoCloseable[0]));
            throw e;
        }
        log.info("publisher started (instance id {}, webhooks for {})", settings.instanceId(),
                endpoints == null ? "no tenant" : endpoints.tenants());
        int exit = Lifecycle.runUntilStopped(firstEnd, running.toArray(new AutoCloseable[0]));
        log.info("publisher stopped (instance id {})", settings.instanceId());
        return exit;
    }
}
