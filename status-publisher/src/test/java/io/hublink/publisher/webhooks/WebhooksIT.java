package io.hublink.publisher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkNotification;
import io.hublink.events.NotificationKind;
import io.hublink.events.Severity;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.publisher.webhooks.RecordingReceiver.Received;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.EventIds;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Webhook delivery as DESIGN "Webhooks" specifies it, against real recording receivers on loopback (Jetty) and a real
 * broker: the notifications are committed records of the notifications topic; delivery reads them with its own group.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebhooksIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_1 = "whsec-one-0123456789abcdef";
    private static final String SECRET_2 = "whsec-two-fedcba9876543210";

    private final EventCodec codec = EventCodec.ofDefaults();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private String notifications;
    private WebhookTopics webhookTopics;
    private KafkaConnection connection;

    @BeforeEach
    void topics() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        notifications = "notifications-" + run;
        webhookTopics = new WebhookTopics("parked-" + run, "redrive-" + run, 3);
        KAFKA.createTopics(3, notifications);
        connection = KafkaConnection.of(KAFKA.bootstrapServers());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void should_post_the_notification_signed_so_that_it_verifies_as_the_readme_shows() throws Exception {
        RecordingReceiver receiver = receiver();
        start(WebhookEndpoints.of(List.of(endpoint("t-1", receiver, SECRET_1))), WebhookSettings.ofDefaults(),
                Clock.systemUTC());
        LinkNotification sent = notification("t-1", "acc-1", FailureReason.TOKEN_INVALID);

        publish(sent);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() == 1);
        Received got = receiver.delivered().get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.header("Hublink-Delivery-Id")).isEqualTo(sent.getNotificationId());
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        assertThat(got.header("Content-Length")).isEqualTo(Integer.toString(got.body().length));
        assertThat(got.header("Transfer-Encoding")).isNull();
        assertThat(got.header("Hublink-Signature")).matches("v1=[0-9a-f]{64}");
        assertThat(WebhookVerifier.verify(SECRET_1, got.header("Hublink-Timestamp"), got.header("Hublink-Signature"),
                got.body(), Instant.now())).isTrue();
        assertThat(WebhookVerifier.verify("another-secret-0123456789", got.header("Hublink-Timestamp"),
                got.header("Hublink-Signature"), got.body(), Instant.now())).isFalse();
        byte[] tampered = got.body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(WebhookVerifier.verify(SECRET_1, got.header("Hublink-Timestamp"), got.header("Hublink-Signature"),
                tampered, Instant.now())).isFalse();

        JsonNode body = JSON.readTree(got.body());
        assertThat(body.get("notificationId").asText()).isEqualTo(sent.getNotificationId());
        assertThat(body.get("tenantId").asText()).isEqualTo("t-1");
        assertThat(body.get("kind").asText()).isEqualTo("LINK_FAILED");
        assertThat(body.get("reason").asText()).isEqualTo("TOKEN_INVALID");
        assertThat(body.get("severity").asText()).isEqualTo("ERROR");
        assertThat(body.get("title").asText()).isEqualTo(sent.getTitle());
        assertThat(body.get("occurredAt").asText()).isEqualTo("2026-12-03T10:15:30.123Z");
        assertThat(iterable(body.fieldNames())).containsExactly("notificationId", "sourceEventId", "requestId",
                "tenantId", "accountId", "kind", "reason", "severity", "title", "message", "occurredAt");
    }

    @Test
    void should_retry_with_the_same_id_and_identical_bytes_and_a_fresh_timestamp_and_signature() throws Exception {
        RecordingReceiver receiver = receiver();
        receiver.answer(attempt -> attempt <= 2 ? 503 : 200);
        Clock ticking = tickingClock(); // one second further each time it is read
        start(WebhookEndpoints.of(List.of(endpoint("t-1", receiver, SECRET_1))),
                WebhookSettings.ofDefaults().withRetries(Duration.ofMillis(100), Duration.ofMillis(400), 10),
                ticking);

        publish(notification("t-1", "acc-1", FailureReason.PROVIDER_UNAVAILABLE));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() == 1);
        List<Received> attempts = receiver.received();
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(Received::answered).containsExactly(503, 503, 200);
        assertThat(attempts).extracting(Received::deliveryId).containsOnly(attempts.get(0).deliveryId());
        assertThat(attempts).allSatisfy(a -> assertThat(a.body()).isEqualTo(attempts.get(0).body()));
        List<Long> timestamps = attempts.stream().map(a -> Long.parseLong(a.header("Hublink-Timestamp")))
                .collect(Collectors.toList());
        assertThat(timestamps).isSorted().doesNotHaveDuplicates();
        assertThat(attempts).extracting(a -> a.header("Hublink-Signature")).doesNotHaveDuplicates();
        for (Received attempt : attempts) {
            Instant sentAt = Instant.ofEpochSecond(Long.parseLong(attempt.header("Hublink-Timestamp")));
            assertThat(WebhookVerifier.verify(SECRET_1, attempt.header("Hublink-Timestamp"),
                    attempt.header("Hublink-Signature"), attempt.body(), sentAt)).isTrue();
        }
    }

    @Test
    void should_sign_with_both_secrets_while_a_tenant_rotates() throws Exception {
        RecordingReceiver receiver = receiver();
        start(WebhookEndpoints.of(List.of(new WebhookEndpoint("t-1", URI.create(receiver.url()),
                WebhookSecrets.of(List.of(SECRET_1, SECRET_2))))), WebhookSettings.ofDefaults(), Clock.systemUTC());

        publish(notification("t-1", "acc-1", null));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() == 1);
        Received got = receiver.delivered().get(0);
        String[] entries = got.header("Hublink-Signature").split(",");
        assertThat(entries).hasSize(2).allMatch(e -> e.matches("v1=[0-9a-f]{64}"));
        for (String secret : List.of(SECRET_1, SECRET_2)) {
            assertThat(WebhookVerifier.verify(secret, got.header("Hublink-Timestamp"), got.header("Hublink-Signature"),
                    got.body(), Instant.now())).as(secret).isTrue();
        }
        // each entry on its own verifies under exactly one of the secrets, in the file's order
        assertThat(WebhookVerifier.verify(SECRET_1, got.header("Hublink-Timestamp"), entries[0], got.body(),
                Instant.now())).isTrue();
        assertThat(WebhookVerifier.verify(SECRET_2, got.header("Hublink-Timestamp"), entries[1], got.body(),
                Instant.now())).isTrue();
    }

    @Test
    void should_send_each_tenant_only_its_own_notifications() throws Exception {
        RecordingReceiver one = receiver();
        RecordingReceiver two = receiver();
        start(WebhookEndpoints.of(List.of(endpoint("t-1", one, SECRET_1), endpoint("t-2", two, SECRET_2))),
                WebhookSettings.ofDefaults(), Clock.systemUTC());
        List<LinkNotification> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String tenant = "t-" + (i % 3 + 1); // t-3 has no webhook
            sent.add(notification(tenant, "acc-" + i, i % 2 == 0 ? null : FailureReason.TOKEN_INVALID));
        }

        publish(sent.toArray(new LinkNotification[0]));

        await().atMost(Duration.ofSeconds(30)).until(() -> one.delivered().size() == 10 && two.delivered().size() == 10);
        for (Map.Entry<String, RecordingReceiver> tenant : Map.of("t-1", one, "t-2", two).entrySet()) {
            Set<String> expected = sent.stream().filter(n -> n.getTenantId().equals(tenant.getKey()))
                    .map(LinkNotification::getNotificationId).collect(Collectors.toSet());
            List<Received> got = tenant.getValue().received();
            assertThat(got).extracting(Received::deliveryId).containsExactlyInAnyOrderElementsOf(expected);
            for (Received r : got) {
                assertThat(JSON.readTree(r.body()).get("tenantId").asText()).isEqualTo(tenant.getKey());
            }
        }
        Thread.sleep(500);
        assertThat(one.received()).hasSize(10);
        assertThat(two.received()).hasSize(10);
    }

    @Test
    void should_park_a_dead_endpoint_and_redrive_its_deliveries_after_a_restart() throws Exception {
        RecordingReceiver dead = receiver();
        dead.answerAlways(500);
        WebhookEndpoints endpoints = WebhookEndpoints.of(List.of(endpoint("t-dead", dead, SECRET_1)));
        WebhookSettings quick = WebhookSettings.ofDefaults()
                .withRetries(Duration.ofMillis(50), Duration.ofMillis(200), 100)
                .withBreaker(4, 2, Duration.ofMillis(300), 2);
        ListAppender<ILoggingEvent> logs = capture(EndpointDispatcher.class);
        WebhookDeliveryService first = start(endpoints, quick, Clock.systemUTC());
        List<LinkNotification> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(notification("t-dead", "acc-" + i, FailureReason.TOKEN_INVALID));
        }
        Set<String> ids = sent.stream().map(LinkNotification::getNotificationId).collect(Collectors.toSet());

        publish(sent.toArray(new LinkNotification[0]));

        await().atMost(Duration.ofSeconds(60)).until(() -> first.endpointDisabled("t-dead").orElse(false));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                WebhookRedrive.readParked(connection, webhookTopics.parked()).keySet().equals(ids));
        List<String> disabledLines = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("disabled")).collect(Collectors.toList());
        assertThat(disabledLines).hasSize(1);
        assertThat(disabledLines.get(0)).contains("tenant t-dead").contains("http://127.0.0.1:")
                .contains("webhooks redrive --tenant t-dead").doesNotContain(SECRET_1);
        assertThat(dead.delivered()).isEmpty();

        // the publisher restarts; the endpoint answers again; an operator re-drives
        first.close();
        closing.remove(first);
        dead.answerAlways(204);
        WebhookDeliveryService second = start(endpoints, quick, Clock.systemUTC());
        WebhookRedrive.Result result = WebhookRedrive.run(connection, webhookTopics, Optional.of("t-dead"),
                Clock.systemUTC());

        assertThat(result).isEqualTo(new WebhookRedrive.Result(5, 5));
        await().atMost(Duration.ofSeconds(30)).until(() -> dead.delivered().stream().map(Received::deliveryId)
                .collect(Collectors.toSet()).equals(ids));
        assertThat(WebhookRedrive.readParked(connection, webhookTopics.parked())).isEmpty();
        assertThat(second.endpointDisabled("t-dead")).hasValue(false);
        Received redelivered = dead.delivered().get(0);
        assertThat(WebhookVerifier.verify(SECRET_1, redelivered.header("Hublink-Timestamp"),
                redelivered.header("Hublink-Signature"), redelivered.body(), Instant.now())).isTrue();
        assertThat(WebhookRedrive.run(connection, webhookTopics, Optional.of("t-dead"), Clock.systemUTC()))
                .isEqualTo(new WebhookRedrive.Result(0, 0));
    }

    @Test
    void should_reenable_a_disabled_endpoint_only_on_a_redrive_of_its_tenant() throws Exception {
        RecordingReceiver dead = receiver();
        dead.answerAlways(503);
        WebhookDeliveryService service = start(WebhookEndpoints.of(List.of(endpoint("t-dead", dead, SECRET_1))),
                WebhookSettings.ofDefaults().withRetries(Duration.ofMillis(50), Duration.ofMillis(200), 100)
                        .withBreaker(4, 2, Duration.ofMillis(300), 2), Clock.systemUTC());
        LinkNotification sent = notification("t-dead", "acc-1", FailureReason.TOKEN_INVALID);
        publish(sent);
        await().atMost(Duration.ofSeconds(60)).until(() -> service.endpointDisabled("t-dead").orElse(false)
                && !WebhookRedrive.readParked(connection, webhookTopics.parked()).isEmpty());
        dead.answerAlways(200);

        assertThat(WebhookRedrive.run(connection, webhookTopics, Optional.of("t-other"), Clock.systemUTC()))
                .isEqualTo(new WebhookRedrive.Result(0, 0));
        Thread.sleep(1_000);
        assertThat(service.endpointDisabled("t-dead")).hasValue(true);
        assertThat(service.endpointStates()).containsEntry("t-dead", "DISABLED");

        assertThat(WebhookRedrive.run(connection, webhookTopics, Optional.empty(), Clock.systemUTC()))
                .isEqualTo(new WebhookRedrive.Result(1, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> dead.delivered().size() == 1);
        assertThat(service.endpointDisabled("t-dead")).hasValue(false);
        assertThat(dead.delivered().get(0).deliveryId()).isEqualTo(sent.getNotificationId());
    }

    @Test
    void should_not_slow_a_healthy_endpoint_while_another_hangs() throws Exception {
        RecordingReceiver hanging = receiver();
        hanging.answerAlways(RecordingReceiver.HANG);
        RecordingReceiver healthy = receiver();
        start(WebhookEndpoints.of(List.of(endpoint("t-slow", hanging, SECRET_1), endpoint("t-ok", healthy, SECRET_2))),
                WebhookSettings.ofDefaults(), Clock.systemUTC());
        List<LinkNotification> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(notification(i % 2 == 0 ? "t-slow" : "t-ok", "acc-" + i, null));
        }
        // warm up the path (first connection, class loading) with one healthy delivery
        publish(notification("t-ok", "acc-warm", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.delivered().size() == 1);

        long started = System.nanoTime();
        publish(sent.toArray(new LinkNotification[0]));
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.delivered().size() == 21);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // the hanging endpoint holds its attempts for the whole 10 s timeout; the healthy one does not wait for it
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(hanging.received()).isNotEmpty();
        assertThat(hanging.delivered()).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private RecordingReceiver receiver() throws Exception {
        RecordingReceiver receiver = new RecordingReceiver();
        closing.add(receiver);
        return receiver;
    }

    private static WebhookEndpoint endpoint(String tenant, RecordingReceiver receiver, String secret) {
        return new WebhookEndpoint(tenant, URI.create(receiver.url()), WebhookSecrets.of(List.of(secret)));
    }

    private WebhookDeliveryService start(WebhookEndpoints endpoints, WebhookSettings settings, Clock clock) {
        WebhookDeliveryService service = WebhookDeliveryService.start(
                WebhookDeliveryService.Config.of(connection, notifications, endpoints, "it")
                        .withTopics(webhookTopics).withSettings(settings).withClock(clock));
        closing.add(service);
        return service;
    }

    private void publish(LinkNotification... sent) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            for (LinkNotification n : sent) {
                producer.send(new ProducerRecord<>(notifications, n.getAccountId().getBytes(StandardCharsets.UTF_8),
                        codec.encode(n)));
            }
            producer.flush();
        }
    }

    static LinkNotification notification(String tenant, String account, FailureReason reason) {
        String eventId = EventIds.outcomeEventId(UUID.randomUUID().toString());
        return LinkNotification.newBuilder()
                .setNotificationId(EventIds.notificationId(eventId)).setSourceEventId(eventId)
                .setRequestId(UUID.randomUUID().toString()).setTenantId(tenant).setAccountId(account)
                .setKind(reason == null ? NotificationKind.ACCOUNT_LINKED : NotificationKind.LINK_FAILED)
                .setReason(reason).setSeverity(reason == null ? Severity.INFO : Severity.ERROR)
                .setTitle(reason == null ? "ClickUp account linked" : "ClickUp did not accept the token")
                .setMessage("Zoë's workspace \"Ünïcode\" — regenerate under avatar → Settings → ClickUp API")
                .setOccurredAt(Instant.parse("2026-12-03T10:15:30.123Z"))
                .build();
    }

    private static Clock tickingClock() {
        AtomicLong reads = new AtomicLong();
        Instant start = Instant.now();
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return start.plusSeconds(reads.getAndIncrement());
            }
        };
    }

    private ListAppender<ILoggingEvent> capture(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        closing.add(() -> logger.detachAppender(appender));
        return appender;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
