package io.hublink.worker.clickup;

import io.hublink.worker.decision.HeaderLookup;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One complete HTTP answer from ClickUp: status, the whole body, and only the few headers the decision reads
 * ({@link #HEADERS_READ}); header names are matched case-insensitively.
 */
public record ClickUpResponse(int status, byte[] body, Map<String, String> headers) {

    /** The headers worth keeping: the rate-limit ones. Nothing else is copied out of an answer. */
    public static final List<String> HEADERS_READ =
            List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After");

    public ClickUpResponse {
        Objects.requireNonNull(body, "body");
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    public static ClickUpResponse of(int status, byte[] body) {
        return new ClickUpResponse(status, body, Map.of());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public HeaderLookup headerLookup() {
        return this::header;
    }

    /** Status and size only: bodies are the provider's text and stay out of logs. */
    @Override
    public String toString() {
        return "ClickUpResponse[status=" + status + ", body=" + body.length + " bytes, headers=" + headers + "]";
    }
}
