package io.hublink.publisher.webhooks;

import java.util.concurrent.CompletableFuture;

/**
 * One notification on its way to one endpoint. The body is rendered once and reused byte for byte by every attempt;
 * {@link #settled} completes when it was delivered or parked (then its offset may be committed).
 */
final class Delivery {

    final String deliveryId;
    final String tenantId;
    final byte[] body;
    /** The notification record's value as read: what parking stores, so a re-drive renders the same body. */
    final byte[] record;
    /** topic-partition@offset, for logs. */
    final String origin;
    final CompletableFuture<Void> settled = new CompletableFuture<>();

    /** Touched only under the endpoint dispatcher's lock. */
    int attempts;
    String lastResult = "none";
    /** Its partition went to another instance, which delivers it again: stop trying. */
    volatile boolean cancelled;

    Delivery(String deliveryId, String tenantId, byte[] body, byte[] record, String origin) {
        this.deliveryId = deliveryId;
        this.tenantId = tenantId;
        this.body = body;
        this.record = record;
        this.origin = origin;
    }

    @Override
    public String toString() {
        return "Delivery[" + deliveryId + ", tenant " + tenantId + ", " + origin + "]";
    }
}
