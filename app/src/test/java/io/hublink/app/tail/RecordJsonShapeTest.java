package io.hublink.app.tail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hublink.events.LinkRequested;
import io.hublink.events.Purpose;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.InboundRecord;
import io.hublink.pipeline.OutboundRecord;
import io.hublink.schemas.EventCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RecordJsonShapeTest {

    private static final String TOKEN = "pk_12345678_RECORDJSONTESTTOKEN0000000000000";
    private final EventCodec codec = EventCodec.ofDefaults();
    private final RecordJson json = new RecordJson(codec);

    @Test
    void should_print_every_field_flat_with_iso_times_and_no_envelope() {
        byte[] envelope = "ciphertext-bytes".getBytes(StandardCharsets.UTF_8);
        LinkRequested request = request("9012345678", envelope);

        ObjectNode line = json.event(record(codec.encode(request)));

        assertThat(line.get("type").asText()).isEqualTo("LinkRequested");
        assertThat(line.get("requestId").asText()).isEqualTo("4b0c3a52-3c3e-4c8e-9c51-6c1b1e0b6a11");
        assertThat(line.get("purpose").asText()).isEqualTo("LINK");
        assertThat(line.get("requestedAt").asText()).isEqualTo("2026-12-03T12:00:00Z");
        assertThat(line.get("deadline").isNull()).isTrue();
        assertThat(line.get("partition").asInt()).isEqualTo(2);
        assertThat(line.get("offset").asLong()).isEqualTo(7);
        assertThat(line.has("token")).isFalse();
        assertThat(line.toString()).doesNotContain(Base64.getEncoder().encodeToString(envelope));
    }

    @Test
    void should_show_a_dead_letter_by_its_headers_and_hash_only() {
        byte[] value = ("garbage with " + TOKEN).getBytes(StandardCharsets.UTF_8);
        OutboundRecord letter = DeadLetters.of(new InboundRecord("hublink.link-requests", 1, 5, new byte[0], value,
                Instant.EPOCH), "dlq", "NOT_AVRO", "no marker");
        ConsumerRecord<byte[], byte[]> consumed = record(letter.value());
        letter.headers().forEach((name, bytes) -> consumed.headers().add(new RecordHeader(name, bytes)));

        ObjectNode line = json.deadLetter(consumed);

        assertThat(line.get("type").asText()).isEqualTo("DeadLetter");
        assertThat(line.get("error").asText()).isEqualTo("NOT_AVRO");
        assertThat(line.get("originOffset").asLong()).isEqualTo(5);
        assertThat(line.get("payloadSha256").asText()).isEqualTo(DeadLetters.sha256Hex(value));
        assertThat(line.toString()).doesNotContain("RECORDJSONTESTTOKEN");
    }

    @Test
    void should_print_a_tombstone_with_its_account() {
        ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>("hublink.link-accounts", 0, 3,
                "acc-9".getBytes(StandardCharsets.UTF_8), null);

        assertThat(json.event(tombstone).toString())
                .isEqualTo("{\"type\":\"Tombstone\",\"accountId\":\"acc-9\",\"partition\":0,\"offset\":3}");
    }

    private static LinkRequested request(String workspace, byte[] envelope) {
        return LinkRequested.newBuilder().setRequestId("4b0c3a52-3c3e-4c8e-9c51-6c1b1e0b6a11").setTenantId("t")
                .setAccountId("a").setProvider("clickup").setWorkspaceId(workspace).setToken(ByteBuffer.wrap(envelope))
                .setPurpose(Purpose.LINK).setRequestedAt(Instant.parse("2026-12-03T12:00:00Z")).setDeadline(null).build();
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("topic", 2, 7, "a".getBytes(StandardCharsets.UTF_8), value);
    }
}
