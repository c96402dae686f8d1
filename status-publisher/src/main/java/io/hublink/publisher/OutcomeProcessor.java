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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One notification per outcome, keyed by account like everything else; an unreadable outcome is a dead letter. */
public final class OutcomeProcessor implements RecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(OutcomeProcessor.class);

    private final EventCodec codec;
    private final HublinkTopics topics;
    private final NotificationRenderer renderer;
    private final NotificationObserver observer;

    public OutcomeProcessor(EventCodec codec, HublinkTopics topics, NotificationRenderer renderer) {
        this(codec, topics, renderer, NotificationObserver.NONE);
    }

    public OutcomeProcessor(EventCodec codec, HublinkTopics topics, NotificationRenderer renderer,
                            NotificationObserver observer) {
        this.codec = codec;
        this.topics = topics;
        this.renderer = renderer;
        this.observer = observer;
    }

    @Override
    public CompletableFuture<List<OutboundRecord>> process(InboundRecord record) {
        return CompletableFuture.completedFuture(outputs(record));
    }

    private List<OutboundRecord> outputs(InboundRecord record) {
        if (record.value() == null || record.value().length > DeadLetters.MAX_VALUE_BYTES) {
            return deadLetter(record, "VALUE_TOO_LARGE", "the outcome is empty or too large");
        }
        SpecificRecord outcome;
        try {
            outcome = codec.decode(record.value());
        } catch (UndecodableEventException e) {
            return deadLetter(record, e.kind().name(), e.getMessage());
        }
        LinkNotification notification;
        if (outcome instanceof AccountLinked) {
            notification = renderer.render((AccountLinked) outcome);
        } else if (outcome instanceof LinkFailed) {
            notification = renderer.render((LinkFailed) outcome);
        } else {
            return deadLetter(record, "WRONG_TYPE",
                    "expected AccountLinked or LinkFailed, found " + outcome.getSchema().getName());
        }
        try {
            observer.rendered(outcome, notification);
        } catch (RuntimeException e) {
            log.warn("notification observer failed: {}", e.getClass().getName()); // metrics must never stop the work
        }
        return List.of(OutboundRecord.of(topics.notifications(), notification.getAccountId(),
                codec.encode(notification)));
    }

    private List<OutboundRecord> deadLetter(InboundRecord record, String error, String detail) {
        try {
            observer.deadLettered(error);
        } catch (RuntimeException e) {
            log.warn("notification observer failed: {}", e.getClass().getName());
        }
        return List.of(DeadLetters.of(record, topics.dlq(), error, detail));
    }
}
