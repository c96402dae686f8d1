package io.hublink.ops;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One answer of the ops port: status, content type and the whole body. */
public record OpsResponse(int status, String contentType, byte[] body) {

    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    public OpsResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public static OpsResponse text(int status, String text) {
        return new OpsResponse(status, "text/plain; charset=utf-8", bytes(text + "\n"));
    }

    public static OpsResponse html(String html) {
        return new OpsResponse(200, "text/html; charset=utf-8", bytes(html));
    }

    public static OpsResponse json(String json) {
        return new OpsResponse(200, "application/json", bytes(json));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
