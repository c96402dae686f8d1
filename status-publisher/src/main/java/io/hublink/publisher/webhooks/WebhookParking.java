package io.hublink.publisher.webhooks;

import io.hublink.pipeline.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes deliveries to the compacted parked topic (key: the delivery id, value: the notification record as read,
 * headers: tenant, reason, attempts, time). A delivery is settled only once the broker acknowledged its parked copy,
 * so its offset is never committed before the copy is safe; while Kafka refuses, the write is retried.
 */
final class WebhookParking implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookParking.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    WebhookParking(KafkaConnection connection, String topic, String clientId, ScheduledExecutorService scheduler,
                   Clock clock) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        overrides.put(ProducerConfig.ACKS_CONFIG, "all");
        overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Parking runs under an endpoint's lock: when Kafka is away, fail fast and retry later rather than block.
        overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        overrides.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(connection.properties(overrides));
        this.topic = topic;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    void park(Delivery delivery, String reason) {
        if (delivery.cancelled) {
            return; // another instance owns it now
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(WebhookTopics.TENANT, utf8(delivery.tenantId)));
        headers.add(new RecordHeader(WebhookTopics.REASON, utf8(reason)));
        headers.add(new RecordHeader(WebhookTopics.ATTEMPTS, utf8(Integer.toString(delivery.attempts))));
        headers.add(new RecordHeader(WebhookTopics.PARKED_AT, utf8(clock.instant().toString())));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, utf8(delivery.deliveryId),
                delivery.record, headers);
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    delivery.settled.complete(null);
                } else {
                    retryLater(delivery, reason, error);
                }
            });
        } catch (RuntimeException e) {
            retryLater(delivery, reason, e);
        }
    }

    private void retryLater(Delivery delivery, String reason, Throwable error) {
        log.warn("could not park webhook delivery {} of tenant {} ({}); retrying in {} s", delivery.deliveryId,
                delivery.tenantId, error.getClass().getSimpleName(), RETRY.toSeconds());
        try {
            scheduler.schedule(() -> park(delivery, reason), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopping) {
            // shutting down: the delivery stays unsettled, so its offset is not committed and it comes back
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
