package io.hublink.worker.decision;

import java.util.Objects;

/** A workspace a token can reach, as ClickUp lists it: its id (a string of digits) and its name. */
public record WorkspaceRef(String id, String name) {
    public WorkspaceRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
