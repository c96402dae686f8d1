package io.hublink.worker.decision;

import java.util.Objects;

/**
 * ClickUp misbehaved (5xx, an unexpected status, a body that is not what the API documents). Says nothing about the
 * credentials. {@code safeDescription} is built from fixed text and the status only, never from the body or headers.
 */
public record ProviderTrouble(String safeDescription) implements TeamAnswer, UserAnswer {
    public ProviderTrouble {
        Objects.requireNonNull(safeDescription, "safeDescription");
    }
}
