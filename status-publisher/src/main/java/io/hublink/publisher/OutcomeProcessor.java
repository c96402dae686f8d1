package io.hublink.publisher;

import io.hublink.events.AccountLinked;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.pipeline.DeadLetters;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.InboundRecord;
import io.hublink.pipeline.OutboundRecord;
import io.hublink.pipeline.RecordProcessor;
import io.hublink.publisher.notify.NotificationRenderer;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.UndecodableEventException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/** One notification per outcome, keyed by account like everything else; an unreadable outcome is a dead letter. */
public final class OutcomeProcessor implements RecordProcessor {

    private final EventCodec codec;
    private final HublinkTopics topics;
    private final NotificationRenderer renderer;

    public OutcomeProcessor(EventCodec codec, HublinkTopics topics, NotificationRenderer renderer) {
        this.codec = codec;
        this.topics = topics;
        this.renderer = renderer;
    }

    @Override
    public CompletableFuture<List<OutboundRecord>> process(InboundRecord record) {
        return CompletableFuture.completedFuture(outputs(record));
    }

    private List<OutboundRecord> outputs(InboundRecord record) {
        if (record.value() == null || record.value().length > DeadLetters.MAX_VALUE_BYTES) {
            return List.of(DeadLetters.of(record, topics.dlq(), "VALUE_TOO_LARGE", "the outcome is empty or too large"));
        }
        SpecificRecord outcome;
        try {
            outcome = codec.decode(record.value());
        } catch (UndecodableEventException e) {
            return List.of(DeadLetters.of(record, topics.dlq(), e.kind().name(), e.getMessage()));
        }
        LinkNotification notification;
        if (outcome instanceof AccountLinked) {
            notification = renderer.render((AccountLinked) outcome);
        } else if (outcome instanceof LinkFailed) {
            notification = renderer.render((LinkFailed) outcome);
        } else {
            return List.of(DeadLetters.of(record, topics.dlq(), "WRONG_TYPE",
                    "expected AccountLinked or LinkFailed, found " + outcome.getSchema().getName()));
        }
        return List.of(OutboundRecord.of(topics.notifications(), notification.getAccountId(),
                codec.encode(notification)));
    }
}
