package io.hublink.app.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hublink.pipeline.DeadLetters;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.UndecodableEventException;
import io.hublink.worker.decision.WorkspaceRedaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One flat JSON object per record, as {@code tail} prints it: {@code type} (the schema name), every field at the top
 * level, enums as strings, times in ISO-8601 UTC, then {@code partition} and {@code offset}. Bytes fields (the token
 * envelope) are never printed; a dead letter shows its headers and the payload's SHA-256 only. The workspace as the
 * user typed it ({@code LinkRequested.workspaceId}, {@code LinkedAccount.workspaceInput}) is shown the way outcomes
 * show it ({@link WorkspaceRedaction}): people paste tokens into that field.
 */
public final class RecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that may hold what a user typed in the workspace field (outcomes' own are already redacted). */
    private static final Set<String> TYPED_WORKSPACE = Set.of("workspaceId", "workspaceInput");

    private final EventCodec codec;

    public RecordJson(EventCodec codec) {
        this.codec = codec;
    }

    public ObjectNode event(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode out = JSON.createObjectNode();
        if (record.value() == null) {
            out.put("type", "Tombstone");
            out.put("accountId", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        } else {
            try {
                SpecificRecord event = codec.decode(record.value());
                out.put("type", event.getSchema().getName());
                fields(event, out);
            } catch (UndecodableEventException e) {
                out.put("type", "Undecodable");
                out.put("error", e.kind().name());
                out.put("sha256", DeadLetters.sha256Hex(record.value()));
            }
        }
        return position(record, out);
    }

    public ObjectNode deadLetter(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "DeadLetter");
        out.put("accountId", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        out.put("error", header(record, DeadLetters.ERROR));
        out.put("detail", header(record, DeadLetters.ERROR_DETAIL));
        out.put("originTopic", header(record, DeadLetters.ORIGIN_TOPIC));
        putNumber(out, "originPartition", header(record, DeadLetters.ORIGIN_PARTITION));
        putNumber(out, "originOffset", header(record, DeadLetters.ORIGIN_OFFSET));
        out.put("payloadSha256", header(record, DeadLetters.PAYLOAD_SHA256));
        putNumber(out, "payloadSize", header(record, DeadLetters.PAYLOAD_SIZE));
        out.put("payloadTruncated", Boolean.parseBoolean(header(record, DeadLetters.PAYLOAD_TRUNCATED)));
        return position(record, out);
    }

    private static void fields(SpecificRecord event, ObjectNode out) {
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            if (value instanceof ByteBuffer) {
                continue; // the token envelope: never printed
            }
            if (value instanceof CharSequence && TYPED_WORKSPACE.contains(field.name())) {
                value = WorkspaceRedaction.redact(value.toString());
            }
            out.set(field.name(), toJson(value));
        }
    }

    private static JsonNode toJson(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof SpecificRecord) {
            ObjectNode nested = JSON.createObjectNode();
            fields((SpecificRecord) value, nested);
            return nested;
        }
        if (value instanceof Collection) {
            ArrayNode array = JSON.createArrayNode();
            ((Collection<?>) value).forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Boolean) {
            return JSON.getNodeFactory().booleanNode((Boolean) value);
        }
        if (value instanceof Integer || value instanceof Long) {
            return JSON.getNodeFactory().numberNode(((Number) value).longValue());
        }
        if (value instanceof Instant) {
            return JSON.getNodeFactory().textNode(value.toString());
        }
        return JSON.getNodeFactory().textNode(value.toString()); // strings and enums
    }

    private static ObjectNode position(ConsumerRecord<byte[], byte[]> record, ObjectNode out) {
        out.put("partition", record.partition());
        out.put("offset", record.offset());
        return out;
    }

    private static void putNumber(ObjectNode out, String name, String text) {
        try {
            out.put(name, Long.parseLong(text));
        } catch (NumberFormatException | NullPointerException e) {
            out.putNull(name);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
