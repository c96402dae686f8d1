package io.hublink.publisher.ops;

import io.hublink.events.LinkNotification;
import io.hublink.publisher.NotificationObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;

/**
 * The publisher's notification metrics. Tag values come from fixed sets (notification kind, failure reason, error
 * kind), never from ids or text.
 *
 * <ul>
 *   <li>{@code hublink_notifications_total{kind=<NotificationKind>, reason="none"|<FailureReason>}}</li>
 *   <li>{@code hublink_dead_letters_total{error=<kind>}}: outcomes that could not be read</li>
 * </ul>
 */
public final class PublisherMetrics implements NotificationObserver {

    private final MeterRegistry registry;

    public PublisherMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void rendered(SpecificRecord outcome, LinkNotification notification) {
        Counter.builder("hublink.notifications")
                .description("Notifications made from outcomes, by kind and failure reason")
                .tag("kind", notification.getKind().name())
                .tag("reason", notification.getReason() == null ? "none" : notification.getReason().name())
                .register(registry).increment();
    }

    @Override
    public void deadLettered(String error) {
        Counter.builder("hublink.dead.letters").description("Records sent to the dead-letter topic, by error")
                .tag("error", error).register(registry).increment();
    }
}
