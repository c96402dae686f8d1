package io.hublink.ops;

import java.util.Objects;
import java.util.function.Supplier;

/** A page the ops port serves besides metrics and health, e.g. the publisher's ops page at {@code /}. */
public record OpsEndpoint(String path, Supplier<OpsResponse> answer) {

    public OpsEndpoint {
        Objects.requireNonNull(answer, "answer");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("ops endpoint path must start with '/', was " + path);
        }
    }

    public static OpsEndpoint of(String path, Supplier<OpsResponse> answer) {
        return new OpsEndpoint(path, answer);
    }
}
