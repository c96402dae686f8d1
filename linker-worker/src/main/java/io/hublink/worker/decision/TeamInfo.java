package io.hublink.worker.decision;

import java.util.List;
import java.util.Objects;

/** One workspace from {@code GET /team}: its id (kept as text), name and members. */
public record TeamInfo(String id, String name, List<TeamMember> members) {
    public TeamInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
    }

    public WorkspaceRef ref() {
        return new WorkspaceRef(id, name);
    }
}
