package io.hublink.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record to produce in the same transaction that commits its source offset. A null {@code value} is a tombstone.
 */
public record OutboundRecord(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {

    public OutboundRecord {
        headers = Map.copyOf(headers);
    }

    public static OutboundRecord of(String topic, String key, byte[] value) {
        return new OutboundRecord(topic, key.getBytes(StandardCharsets.UTF_8), value, Map.of());
    }

    public static OutboundRecord tombstone(String topic, String key) {
        return new OutboundRecord(topic, key.getBytes(StandardCharsets.UTF_8), null, Map.of());
    }

    public OutboundRecord withHeader(String name, String value) {
        Map<String, byte[]> more = new LinkedHashMap<>(headers);
        more.put(name, value.getBytes(StandardCharsets.UTF_8));
        return new OutboundRecord(topic, key, this.value, more);
    }

    public boolean isTombstone() {
        return value == null;
    }
}
