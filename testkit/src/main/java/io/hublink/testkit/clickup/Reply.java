package io.hublink.testkit.clickup;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer, before it is written. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(int status, byte[] body) {
        return new Reply(status, JSON, body, Map.of());
    }

    /**
     * A fault's verbatim body: JSON when it looks like JSON, HTML when it looks like markup, else plain text. A
     * {@code Content-Type} among the fault's headers overrides this.
     */
    static Reply verbatim(int status, String body) {
        String trimmed = body.strip();
        String type = trimmed.startsWith("{") || trimmed.startsWith("[") ? JSON
                : trimmed.startsWith("<") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        return new Reply(status, type, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Reply withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Reply(status, contentType, body, all);
    }
}
