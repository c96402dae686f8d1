package io.hublink.publisher.webhooks;

import java.util.concurrent.CompletableFuture;

/** Makes one attempt of one delivery; completes with how it ended, never exceptionally. */
interface WebhookSender extends AutoCloseable {

    CompletableFuture<Attempt> send(WebhookEndpoint endpoint, Delivery delivery);

    @Override
    default void close() {
    }
}
