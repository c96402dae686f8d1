package io.hublink.pipeline;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The records of one partition that are processing or done but not yet committed, in offset order. Only the completed
 * prefix may be released: committing past a record still in flight would lose it on a crash.
 */
final class PendingPartition {

    record Entry(long offset, byte[] key, CompletableFuture<List<OutboundRecord>> result) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    void add(Entry entry) {
        entries.addLast(entry);
    }

    /** The next entry if it is complete, else null. */
    Entry pollCompleted() {
        Entry head = entries.peekFirst();
        if (head == null || !head.result().isDone()) {
            return null;
        }
        return entries.pollFirst();
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
    }
}
