package io.hublink.publisher.webhooks;

import java.time.Duration;

/** Sees what delivery does, for metrics and the ops page. Called from delivery threads: must be quick. */
public interface WebhookObserver {

    WebhookObserver NONE = new WebhookObserver() { };

    /** One HTTP attempt ended: {@code result} is {@code 2xx}, {@code 4xx}, {@code 5xx}, {@code timeout} or {@code io}. */
    default void attempted(String tenantId, String result, Duration took) {
    }

    default void delivered(String tenantId) {
    }

    /** {@code reason}: {@code endpoint-disabled}, {@code attempts-exhausted} or {@code backlog}. */
    default void parked(String tenantId, String reason) {
    }

    default void endpointDisabled(String tenantId) {
    }

    default void endpointEnabled(String tenantId) {
    }
}
