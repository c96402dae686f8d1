package io.hublink.app.requests;

import io.hublink.events.LinkRequested;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.envelope.EnvelopeBinding;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.TokenEnvelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What an upstream hub service does: encrypts each token with the keyring's active key, bound to tenant, account and
 * workspace input, and publishes a LinkRequested keyed by account. The plaintext token is wiped once sealed.
 */
public final class RequestPublisher implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Keyring keyring;
    private final EventCodec codec;
    private final Clock clock;

    public RequestPublisher(KafkaConnection connection, String topic, Keyring keyring, EventCodec codec, Clock clock) {
        this.producer = new KafkaProducer<>(connection.properties(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "hublink-request",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())));
        this.topic = topic;
        this.keyring = keyring;
        this.codec = codec;
        this.clock = clock;
    }

    /** Publishes every line and waits until the broker has them all; returns the request ids in order. */
    public List<String> publish(List<RequestLine> lines) throws ExecutionException, InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(lines.size());
        List<String> ids = new ArrayList<>(lines.size());
        for (RequestLine line : lines) {
            LinkRequested request = toEvent(line);
            ids.add(request.getRequestId());
            sent.add(producer.send(new ProducerRecord<>(topic,
                    line.accountId().getBytes(StandardCharsets.UTF_8), codec.encode(request))));
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            future.get();
        }
        return ids;
    }

    LinkRequested toEvent(RequestLine line) {
        byte[] envelope;
        try (var token = line.token()) {
            envelope = TokenEnvelope.seal(keyring, token,
                    new EnvelopeBinding(line.tenantId(), line.accountId(), line.workspace()));
        }
        return LinkRequested.newBuilder()
                .setRequestId(line.requestId().orElseGet(() -> UUID.randomUUID().toString()))
                .setTenantId(line.tenantId())
                .setAccountId(line.accountId())
                .setProvider("clickup")
                .setWorkspaceId(line.workspace())
                .setToken(ByteBuffer.wrap(envelope))
                .setPurpose(line.purpose())
                .setRequestedAt(clock.instant())
                .setDeadline(line.deadline().orElse(null))
                .build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
