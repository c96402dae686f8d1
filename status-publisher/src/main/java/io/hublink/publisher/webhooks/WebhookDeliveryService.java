package io.hublink.publisher.webhooks;

import io.hublink.events.LinkNotification;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.UndecodableEventException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each committed notification to its tenant's webhook.
 *
 * <p><b>Guarantee: at least once, off the exactly-once path.</b> It reads the notifications topic
 * ({@code read_committed}, so only notifications the publisher committed) with a consumer group of its own,
 * {@value #GROUP_ID}, and commits an offset only once every notification up to it was delivered (any 2xx) or parked.
 * The publisher's transactions never wait for an endpoint, and an endpoint never loses a notification to a crash: after
 * one, what was not committed is delivered again, with the same {@code Hublink-Delivery-Id} and the same body bytes, so
 * receivers de-duplicate. Deliveries run concurrently (order is not kept; receivers order by {@code occurredAt}).
 *
 * <p>It also reads the re-drive topic, where {@code webhooks redrive} moves parked deliveries; a re-driven delivery
 * re-enables its endpoint if it was disabled.
 *
 * <p>One thread owns the consumer; HTTP attempts, retries and parking run on other threads and only mark their
 * delivery settled.
 */
public final class WebhookDeliveryService implements AutoCloseable {

    public static final String GROUP_ID = "hublink-webhooks";
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryService.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Config config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ScheduledThreadPoolExecutor scheduler;
    private final WebhookSender sender;
    private final WebhookParking parking;
    private final Map<String, EndpointDispatcher> dispatchers = new HashMap<>();
    private final Map<TopicPartition, ArrayDeque<Pending>> pending = new HashMap<>();
    private final Thread pollThread;
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private volatile boolean stopping;
    private boolean paused;
    private int held;
    private long lastCommitNanos = System.nanoTime();

    /** A consumed record and, when it has an endpoint, its delivery; settled means its offset may be committed. */
    private record Pending(long offset, CompletableFuture<Void> settled, Delivery delivery) {
    }

    /**
     * What delivery needs.
     *
     * @param instanceId names the clients ({@code hublink-webhooks-<instance id>})
     */
    public record Config(KafkaConnection connection, String notificationsTopic, WebhookTopics topics,
                         WebhookEndpoints endpoints, WebhookSettings settings, String instanceId, EventCodec codec,
                         Clock clock, WebhookObserver observer, DoubleSupplier random) {

        public Config {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(endpoints, "endpoints");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(observer, "observer");
        }

        public static Config of(KafkaConnection connection, String notificationsTopic, WebhookEndpoints endpoints,
                                String instanceId) {
            return new Config(connection, notificationsTopic, WebhookTopics.ofDefaults(), endpoints,
                    WebhookSettings.ofDefaults(), instanceId, EventCodec.ofDefaults(), Clock.systemUTC(),
                    WebhookObserver.NONE, () -> ThreadLocalRandom.current().nextDouble());
        }

        public Config withSettings(WebhookSettings value) {
            return new Config(connection, notificationsTopic, topics, endpoints, value, instanceId, codec, clock,
                    observer, random);
        }

        public Config withTopics(WebhookTopics value) {
            return new Config(connection, notificationsTopic, value, endpoints, settings, instanceId, codec, clock,
                    observer, random);
        }

        public Config withClock(Clock value) {
            return new Config(connection, notificationsTopic, topics, endpoints, settings, instanceId, codec, value,
                    observer, random);
        }

        public Config withObserver(WebhookObserver value) {
            return new Config(connection, notificationsTopic, topics, endpoints, settings, instanceId, codec, clock,
                    value, random);
        }
    }

    private WebhookDeliveryService(Config config) {
        this.config = config;
        String clientId = "hublink-webhooks-" + config.instanceId();
        this.consumer = new KafkaConsumer<>(consumerProperties(config, clientId));
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hublink-webhook-timer");
            t.setDaemon(true);
            return t;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.sender = new HttpWebhookSender(config.settings().requestTimeout(), config.clock());
        this.parking = new WebhookParking(config.connection(), config.topics().parked(), clientId + "-parking",
                scheduler, config.clock());
        EndpointDispatcher.DispatchContext context = new EndpointDispatcher.DispatchContext(config.settings(), sender,
                parking, scheduler, config.observer(), config.random(), config.topics().parked());
        for (String tenant : config.endpoints().tenants()) {
            dispatchers.put(tenant, new EndpointDispatcher(config.endpoints().forTenant(tenant).orElseThrow(),
                    context));
        }
        this.pollThread = new Thread(this::run, "hublink-webhooks-poll");
    }

    /** Creates the webhook topics if needed and starts delivering. */
    public static WebhookDeliveryService start(Config config) {
        config.topics().ensure(config.connection());
        WebhookDeliveryService service = new WebhookDeliveryService(config);
        service.pollThread.start();
        log.info("webhook delivery started for tenants {}", config.endpoints().tenants());
        return service;
    }

    public CompletableFuture<Void> termination() {
        return termination;
    }

    /** The delivery consumer's own metrics (assignment, lag), for the ops port. */
    public Map<MetricName, ? extends Metric> consumerMetrics() {
        return consumer.metrics();
    }

    /** Whether the endpoint of {@code tenantId} is disabled now (for the ops page and tests). */
    public Optional<Boolean> endpointDisabled(String tenantId) {
        return Optional.ofNullable(dispatchers.get(tenantId)).map(EndpointDispatcher::disabled);
    }

    /** Tenants with an endpoint, and the state of each: for the ops page. */
    public Map<String, String> endpointStates() {
        Map<String, String> states = new java.util.TreeMap<>();
        dispatchers.forEach((tenant, d) -> states.put(tenant, d.disabled() ? "DISABLED" : d.breakerState().name()));
        return states;
    }

    @Override
    public void close() {
        stopping = true;
        if (Thread.currentThread() != pollThread) {
            try {
                pollThread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.notificationsTopic(), config.topics().redrive()), new Rebalance());
            while (!stopping) {
                flowControl();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    take(record);
                }
                if (System.nanoTime() - lastCommitNanos >= config.settings().commitInterval().toNanos()) {
                    commitSettled(List.copyOf(pending.keySet()), false);
                }
            }
            drain();
            termination.complete(null);
        } catch (Throwable fatal) {
            log.error("webhook delivery stopped: {}", fatal.getClass().getSimpleName()
                    + (fatal instanceof KafkaException && fatal.getMessage() != null ? ": " + fatal.getMessage() : ""));
            termination.completeExceptionally(fatal);
        } finally {
            pending.values().forEach(queue -> queue.forEach(p -> cancel(p)));
            closeQuietly();
        }
    }

    /** Lets attempts in flight end for a few seconds, committing what settles; the rest is delivered again later. */
    private void drain() {
        consumer.pause(consumer.assignment());
        long end = System.nanoTime() + DRAIN.toNanos();
        while (held > 0 && System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(20));
            commitSettled(List.copyOf(pending.keySet()), false);
        }
        commitSettled(List.copyOf(pending.keySet()), true);
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        ArrayDeque<Pending> queue = pending.computeIfAbsent(partition, p -> new ArrayDeque<>());
        Header enable = record.headers().lastHeader(WebhookTopics.ENABLE);
        if (enable != null && record.topic().equals(config.topics().redrive())) {
            String tenant = new String(enable.value(), StandardCharsets.UTF_8);
            dispatchers.forEach((t, dispatcher) -> {
                if (tenant.equals(WebhookTopics.ALL_TENANTS) || tenant.equals(t)) {
                    dispatcher.reenable();
                }
            });
            queue.add(new Pending(record.offset(), CompletableFuture.completedFuture(null), null));
            return;
        }
        Delivery delivery = delivery(record);
        if (delivery == null) {
            queue.add(new Pending(record.offset(), CompletableFuture.completedFuture(null), null));
        } else {
            queue.add(new Pending(record.offset(), delivery.settled, delivery));
            held++;
            dispatchers.get(delivery.tenantId).submit(delivery, record.topic().equals(config.topics().redrive()));
        }
    }

    /** The delivery for a record, or null when it gets none (no endpoint for its tenant, or unreadable). */
    private Delivery delivery(ConsumerRecord<byte[], byte[]> record) {
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() == null) {
            return null;
        }
        LinkNotification notification;
        try {
            notification = config.codec().decode(record.value(), LinkNotification.class);
        } catch (UndecodableEventException e) {
            log.warn("notification {} cannot be read ({}); no webhook for it", origin, e.kind());
            return null;
        }
        if (!dispatchers.containsKey(notification.getTenantId())) {
            return null; // this tenant has no webhook
        }
        return new Delivery(notification.getNotificationId(), notification.getTenantId(),
                NotificationJson.bytes(notification), record.value(), origin);
    }

    private void flowControl() {
        if (!paused && held >= config.settings().maxHeld()) {
            consumer.pause(consumer.assignment());
            paused = true;
            log.info("webhook delivery holds {} deliveries; pausing intake", held);
        } else if (paused && held <= config.settings().maxHeld() / 2) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }

    /** Commits, per partition, the offset after the last record of the settled prefix. */
    private void commitSettled(Collection<TopicPartition> partitions, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            ArrayDeque<Pending> queue = pending.get(partition);
            Pending head;
            while (queue != null && (head = queue.peek()) != null && head.settled().isDone()) {
                queue.poll();
                offsets.put(partition, new OffsetAndMetadata(head.offset() + 1));
                if (head.delivery() != null) {
                    held--;
                }
            }
        }
        lastCommitNanos = System.nanoTime();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            if (sync) {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
            } else {
                consumer.commitAsync(offsets, (committed, error) -> {
                    if (error != null) {
                        log.debug("webhook offsets not committed ({}); a later commit covers them",
                                error.getClass().getSimpleName());
                    }
                });
            }
        } catch (KafkaException e) {
            // Not committed: those notifications may be delivered again (at least once); receivers de-duplicate.
            log.warn("webhook offsets not committed ({})", e.getClass().getSimpleName());
        }
    }

    private void cancel(Pending p) {
        if (p.delivery() != null) {
            p.delivery().cancelled = true;
        }
    }

    private void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            ArrayDeque<Pending> queue = pending.remove(partition);
            if (queue != null) {
                for (Pending p : queue) {
                    cancel(p);
                    if (p.delivery() != null) {
                        held--;
                    }
                }
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitSettled(partitions, true); // still the owner: commit what is settled; the rest is the next owner's
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
        }
    }

    private static java.util.Properties consumerProperties(Config config, String clientId) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        overrides.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // Only notifications the publisher committed are delivered.
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Offsets move only past delivered or parked notifications.
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The group's first start delivers what the topic holds rather than miss what came before it.
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config.connection().properties(overrides);
    }

    private void closeQuietly() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("webhook consumer close: {}", e.getClass().getSimpleName());
        }
        scheduler.shutdownNow();
        parking.close();
        sender.close();
    }
}
