package io.hublink.publisher;

import io.hublink.events.LinkNotification;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Sees what the publisher decides, as it decides it (for metrics and the ops page). Called on the poll thread, so it
 * must be quick. A transaction that aborts is decided again, and seen again: observers count rates, not a ledger.
 */
public interface NotificationObserver {

    NotificationObserver NONE = new NotificationObserver() { };

    /** An outcome ({@code AccountLinked} or {@code LinkFailed}) became this notification. */
    default void rendered(SpecificRecord outcome, LinkNotification notification) {
    }

    /** A record of the outcomes topic went to the dead-letter topic with this error kind. */
    default void deadLettered(String error) {
    }

    static NotificationObserver all(List<NotificationObserver> observers) {
        List<NotificationObserver> copy = List.copyOf(observers);
        return new NotificationObserver() {
            @Override
            public void rendered(SpecificRecord outcome, LinkNotification notification) {
                copy.forEach(o -> o.rendered(outcome, notification));
            }

            @Override
            public void deadLettered(String error) {
                copy.forEach(o -> o.deadLettered(error));
            }
        };
    }
}
