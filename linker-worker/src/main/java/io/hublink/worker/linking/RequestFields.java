package io.hublink.worker.linking;

import io.hublink.events.LinkRequested;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/** Small readings of a LinkRequested that several steps need. */
final class RequestFields {

    private RequestFields() {
    }

    static byte[] envelope(LinkRequested request) {
        ByteBuffer buffer = request.getToken().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A per-request deadline wins; otherwise the default after {@code requestedAt}. */
    static Instant deadline(LinkRequested request, Duration defaultDeadline) {
        return request.getDeadline() != null ? request.getDeadline() : request.getRequestedAt().plus(defaultDeadline);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
