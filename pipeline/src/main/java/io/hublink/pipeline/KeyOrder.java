package io.hublink.pipeline;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps records with the same key in one partition in offset order: each starts when the one before it has finished.
 * Only the poll thread touches it.
 */
final class KeyOrder {

    private final Map<TopicPartition, Map<ByteBuffer, CompletableFuture<?>>> tails = new HashMap<>();

    /** The unfinished work that a new record with this key must wait for, or null. */
    CompletableFuture<?> tail(TopicPartition partition, byte[] key) {
        Map<ByteBuffer, CompletableFuture<?>> keys = tails.get(partition);
        return keys == null ? null : keys.get(ByteBuffer.wrap(key));
    }

    void append(TopicPartition partition, byte[] key, CompletableFuture<?> work) {
        tails.computeIfAbsent(partition, p -> new HashMap<>()).put(ByteBuffer.wrap(key), work);
    }

    /** Forgets {@code work} once released, unless a later record of the key has queued behind it. */
    void released(TopicPartition partition, byte[] key, CompletableFuture<?> work) {
        Map<ByteBuffer, CompletableFuture<?>> keys = tails.get(partition);
        if (keys != null) {
            keys.remove(ByteBuffer.wrap(key), work);
        }
    }

    void forget(TopicPartition partition) {
        tails.remove(partition);
    }

    void clear() {
        tails.clear();
    }
}
