package io.hublink.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.events.AccountLinked;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkRequested;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import io.hublink.worker.LinkerWorker.WorkerSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What a worker under test works with: its own topics (3 partitions), a keyring and the codec. Publishes requests
 * and reads the committed outcomes back, keyed by request id, failing on a duplicate.
 */
final class WorkerRig {

    private static final AtomicInteger RUN = new AtomicInteger();

    private final KafkaClusterExtension kafka;
    final HublinkTopics topics;
    final Keyring keyring = Keyring.generate();
    final EventCodec codec = EventCodec.ofDefaults();

    WorkerRig(KafkaClusterExtension kafka, String name) {
        this.kafka = kafka;
        int run = RUN.incrementAndGet();
        String prefix = name + "-" + run + "-";
        this.topics = new HublinkTopics(prefix + "req", prefix + "out", prefix + "note", prefix + "dlq",
                prefix + "acc", 3);
    }

    /** A worker on this rig's topics, asking {@code clickUp}, with {@code clientProperties} for every Kafka client. */
    WorkerSettings settings(String instanceId, ClickUpSimulator clickUp, Map<String, String> clientProperties) {
        return WorkerSettings.of(new KafkaConnection(kafka.bootstrapServers(), clientProperties),
                URI.create(clickUp.url()), keyring, instanceId).withTopics(topics);
    }

    WorkerSettings settings(String instanceId, ClickUpSimulator clickUp) {
        return settings(instanceId, clickUp, Map.of());
    }

    void publish(List<LinkRequestBuilder> requests) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            for (LinkRequestBuilder request : requests) {
                LinkRequested event = request.sealedWith(keyring);
                producer.send(new ProducerRecord<>(topics.requests(),
                        event.getAccountId().getBytes(StandardCharsets.UTF_8), codec.encode(event)));
            }
        }
    }

    void publish(LinkRequestBuilder request) {
        publish(List.of(request));
    }

    /**
     * The committed outcomes now, by request id; fails on a second outcome for a request. Reads up to each
     * partition's last stable offset, so it never returns early on a slow broker.
     */
    Map<String, SpecificRecord> outcomes() {
        List<SpecificRecord> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.outcomes(), Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > giveUp) {
                    throw new AssertionError("could not read " + topics.outcomes() + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(r -> all.add(decode(r.value())));
            }
        }
        Map<String, SpecificRecord> byRequest = all.stream().collect(Collectors.toMap(WorkerRig::requestId, o -> o));
        assertThat(byRequest).as("one outcome per request").hasSize(all.size());
        return byRequest;
    }

    /** Waits until {@code count} outcomes are committed; then exactly that many, one per request. */
    Map<String, SpecificRecord> awaitOutcomes(int count, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(300)).until(() -> outcomes().size() >= count);
        Map<String, SpecificRecord> outcomes = outcomes();
        assertThat(outcomes).hasSize(count);
        return outcomes;
    }

    static String requestId(SpecificRecord outcome) {
        return outcome instanceof AccountLinked ? ((AccountLinked) outcome).getRequestId()
                : ((LinkFailed) outcome).getRequestId();
    }

    private SpecificRecord decode(byte[] value) {
        try {
            return codec.decode(value);
        } catch (Exception e) {
            throw new AssertionError("undecodable outcome", e);
        }
    }
}
