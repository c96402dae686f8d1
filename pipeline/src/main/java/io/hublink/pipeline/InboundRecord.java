package io.hublink.pipeline;

import java.time.Instant;

/**
 * One consumed record, handed to a {@link RecordProcessor} without Kafka types. {@code key} is empty, never null, when
 * the record had no key.
 */
public record InboundRecord(String topic, int partition, long offset, byte[] key, byte[] value, Instant timestamp) {

    public String origin() {
        return topic + "-" + partition + "@" + offset;
    }
}
