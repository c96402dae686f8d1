package io.hublink.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.events.NotificationKind;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.PipelineListener;
import io.hublink.publisher.StatusPublisher.PublisherSettings;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.EventIds;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StatusPublisherIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private final EventCodec codec = EventCodec.ofDefaults();
    private final HublinkTopics topics = HublinkTopics.ofDefaults();

    @Test
    void should_publish_exactly_one_notification_per_outcome_and_park_unreadable_ones() throws Exception {
        KafkaConnection connection = KafkaConnection.of(KAFKA.bootstrapServers());
        PublisherSettings settings = PublisherSettings.of(connection, "it");
        try (StatusPublisher publisher = StatusPublisher.start(settings, PipelineListener.NONE);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 50; i++) {
                String account = "acc-" + (i % 7);
                byte[] value = i % 2 == 0 ? codec.encode(linked(account)) : codec.encode(failed(account));
                producer.send(new ProducerRecord<>(topics.outcomes(), account.getBytes(StandardCharsets.UTF_8), value));
            }
            producer.send(new ProducerRecord<>(topics.outcomes(), "acc-x".getBytes(StandardCharsets.UTF_8),
                    "garbage".getBytes(StandardCharsets.UTF_8)));
            producer.flush();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> KAFKA.readAll(topics.notifications(), Duration.ofMillis(300)).size() >= 50);
        }

        List<LinkNotification> notifications = KAFKA.readAll(topics.notifications(), Duration.ofSeconds(1)).stream()
                .map(r -> {
                    try {
                        return codec.decode(r.value(), LinkNotification.class);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .collect(Collectors.toList());
        assertThat(notifications).hasSize(50);
        assertThat(notifications).extracting(LinkNotification::getNotificationId).doesNotHaveDuplicates();
        assertThat(notifications).allSatisfy(n ->
                assertThat(n.getNotificationId()).isEqualTo(EventIds.notificationId(n.getSourceEventId())));
        Map<NotificationKind, Long> kinds = notifications.stream()
                .collect(Collectors.groupingBy(LinkNotification::getKind, Collectors.counting()));
        assertThat(kinds).containsEntry(NotificationKind.ACCOUNT_LINKED, 25L).containsEntry(NotificationKind.LINK_FAILED, 25L);
        assertThat(KAFKA.readAll(topics.dlq(), Duration.ofMillis(500))).hasSize(1);
    }

    private static AccountLinked linked(String account) {
        String requestId = UUID.randomUUID().toString();
        return AccountLinked.newBuilder()
                .setEventId(EventIds.outcomeEventId(requestId)).setRequestId(requestId).setTenantId("t-1")
                .setAccountId(account).setWorkspaceId("9012345678").setWorkspaceName("Example Workspace")
                .setAuthorizedWorkspaces(List.of()).setUser(null).setRole(Role.UNKNOWN).setTokenFingerprint("fp")
                .setPurpose(Purpose.LINK).setValidatedAt(Instant.now())
                .build();
    }

    private static LinkFailed failed(String account) {
        String requestId = UUID.randomUUID().toString();
        return LinkFailed.newBuilder()
                .setEventId(EventIds.outcomeEventId(requestId)).setRequestId(requestId).setTenantId("t-1")
                .setAccountId(account).setWorkspaceId("9012345678").setReason(FailureReason.TOKEN_INVALID)
                .setRetryable(false).setProviderCode("OAUTH_025").setUserMessage("regenerate")
                .setAuthorizedWorkspaces(null).setPurpose(Purpose.LINK).setFailedAt(Instant.now())
                .build();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()));
    }
}
