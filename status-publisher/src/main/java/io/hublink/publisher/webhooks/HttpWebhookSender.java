package io.hublink.publisher.webhooks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * POSTs a delivery with the JDK's HTTP client (asynchronous, HTTP/1.1, no redirects followed). The body goes as a
 * byte array, so it is sent with a {@code Content-Length}, never chunked. Each attempt takes a fresh
 * {@code Hublink-Timestamp} from the clock and signs that timestamp with the same body bytes. The answer's body is
 * discarded unread.
 */
final class HttpWebhookSender implements WebhookSender {

    static final String DELIVERY_ID = "Hublink-Delivery-Id";
    static final String TIMESTAMP = "Hublink-Timestamp";
    static final String SIGNATURE = "Hublink-Signature";

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    HttpWebhookSender(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public CompletableFuture<Attempt> send(WebhookEndpoint endpoint, Delivery delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint.url())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "hublink-webhooks/1")
                    .header(DELIVERY_ID, delivery.deliveryId)
                    .header(TIMESTAMP, Long.toString(timestamp))
                    .header(SIGNATURE, endpoint.signer().signatureHeader(timestamp, delivery.body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body))
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Attempt.io());
        }
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        if (failure == null) {
                            return Attempt.answered(response.statusCode());
                        }
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        return cause instanceof HttpTimeoutException ? Attempt.timeout() : Attempt.io();
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Attempt.io());
        }
    }
}
