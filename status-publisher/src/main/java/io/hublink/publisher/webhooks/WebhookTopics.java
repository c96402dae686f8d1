package io.hublink.publisher.webhooks;

import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.KafkaUnavailableException;
import io.hublink.pipeline.TopicCreator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The two topics of webhook delivery besides the notifications it reads.
 *
 * @param parked  compacted, keyed by delivery (notification) id: the deliveries of disabled or refusing endpoints,
 *                waiting for {@code webhooks redrive}; the value is the notification record exactly as it was read,
 *                headers name the tenant, the reason and the attempts. A re-drive writes a tombstone, so the topic
 *                holds what is parked now, and survives restarts
 * @param redrive re-driven deliveries, read by the delivery consumer next to the notifications
 */
public record WebhookTopics(String parked, String redrive, int partitions) {

    public static final String TENANT = "hublink.webhook.tenant";
    public static final String REASON = "hublink.webhook.reason";
    public static final String ATTEMPTS = "hublink.webhook.attempts";
    public static final String PARKED_AT = "hublink.webhook.parked-at";
    /**
     * On a re-drive marker (one per partition of the re-drive topic, empty value): the tenant whose endpoint every
     * publisher re-enables, or {@code *} for all, so instances that receive none of the moved deliveries re-enable it
     * too.
     */
    public static final String ENABLE = "hublink.webhook.enable";
    public static final String ALL_TENANTS = "*";

    public static WebhookTopics ofDefaults() {
        return new WebhookTopics("hublink.webhook-parked", "hublink.webhook-redrive", 6);
    }

    public void ensure(KafkaConnection connection) {
        try (Admin admin = Admin.create(connection.properties(Map.of("client.id", "hublink-webhooks-admin")))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(parked)) {
                missing.add(new NewTopic(parked, Optional.of(partitions), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (!existing.contains(redrive)) {
                missing.add(new NewTopic(redrive, Optional.of(partitions), Optional.empty()));
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicCreator.awaitLeaders(admin, missing.stream().map(NewTopic::name).collect(Collectors.toList()),
                    java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the webhook topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaUnavailableException("could not create the webhook topics: "
                    + cause.getClass().getSimpleName(), cause);
        }
    }
}
