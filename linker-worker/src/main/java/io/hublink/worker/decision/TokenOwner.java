package io.hublink.worker.decision;

import java.util.Objects;

/**
 * The ClickUp user a token belongs to, from {@code GET /user}. {@code id} is ClickUp's numeric user id kept as text;
 * {@code email} may be null because ClickUp does not always send it.
 */
public record TokenOwner(String id, String username, String email) {
    public TokenOwner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
    }
}
