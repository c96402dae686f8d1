package io.hublink.app.demo;

import io.hublink.events.AccountLinked;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.UndecodableEventException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the requests, outcomes and notifications back from their topics ({@code read_committed}), prints each outcome
 * and notification for a person, and counts them for the closing {@code summary:} line.
 */
final class DemoReport implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final HublinkTopics topics;
    private final EventCodec codec;
    private final PrintStream out;
    private int requests;
    private int outcomes;
    private int linked;
    private int failed;
    private int notifications;

    DemoReport(KafkaConnection connection, HublinkTopics topics, EventCodec codec, PrintStream out) {
        this.topics = topics;
        this.codec = codec;
        this.out = out;
        this.consumer = new KafkaConsumer<>(connection.properties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "hublink-demo-report",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.requests(), topics.outcomes(), topics.notifications())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(15))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until every expected request has its outcome and notification, or the time is up. */
    boolean awaitAll(int expected, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(200)).forEach(this::show);
            if (requests >= expected && outcomes >= expected && notifications >= expected) {
                return true;
            }
        }
        return false;
    }

    String summary() {
        return "summary: requests=" + requests + " outcomes=" + outcomes + " linked=" + linked + " failed=" + failed
                + " notifications=" + notifications;
    }

    private void show(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(topics.requests())) {
            requests++;
            return;
        }
        SpecificRecord event;
        try {
            event = codec.decode(record.value());
        } catch (UndecodableEventException e) {
            out.println("  (unreadable record on " + record.topic() + ": " + e.kind() + ")");
            return;
        }
        if (event instanceof AccountLinked) {
            outcomes++;
            linked++;
            AccountLinked a = (AccountLinked) event;
            out.printf("outcome       %-9s %-9s AccountLinked  workspace %s \"%s\"%s, role %s%n", a.getTenantId(),
                    a.getAccountId(), a.getWorkspaceId(), a.getWorkspaceName(),
                    a.getUser() == null ? "" : " as " + a.getUser().getUsername(), a.getRole());
        } else if (event instanceof LinkFailed) {
            outcomes++;
            failed++;
            LinkFailed f = (LinkFailed) event;
            out.printf("outcome       %-9s %-9s LinkFailed     %s%s%s, workspace %s%n", f.getTenantId(), f.getAccountId(),
                    f.getReason(), f.getProviderCode() == null ? "" : " (" + f.getProviderCode() + ")",
                    f.getRetryable() ? ", retryable" : "", f.getWorkspaceId());
        } else if (event instanceof LinkNotification) {
            notifications++;
            LinkNotification n = (LinkNotification) event;
            out.printf("notification  %-9s %-9s [%s] %s: %s%n", n.getTenantId(), n.getAccountId(), n.getSeverity(),
                    n.getTitle(), n.getMessage());
        }
        out.flush();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
