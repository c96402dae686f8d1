package io.hublink.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a pipeline does with each consumed record.
 *
 * <p>Contract: the returned future completes with every record that the input gives rise to (an outcome, a dead
 * letter, …), possibly none. Business answers are values, never exceptional completions; an exceptional completion is
 * treated as a bug: the input goes to the dead-letter topic with error {@code PROCESSING_ERROR}, so a bad record never
 * stalls its partition. The outputs are produced exactly once, in the transaction that commits the input's offset, in
 * partition-offset order. Records with the same key in a partition are processed one after the other, in offset order;
 * all others run concurrently. The processor must not block the calling thread: it is the poll thread.
 */
public interface RecordProcessor {

    CompletableFuture<List<OutboundRecord>> process(InboundRecord record);
}
