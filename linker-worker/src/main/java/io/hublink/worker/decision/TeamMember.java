package io.hublink.worker.decision;

import java.util.Objects;

/**
 * A member of a workspace: ClickUp's numeric user id as text, and the member role ClickUp reports
 * (1 owner, 2 admin, 3 member, 4 guest; 0 when ClickUp sent none).
 */
public record TeamMember(String userId, int role) {
    public TeamMember {
        Objects.requireNonNull(userId, "userId");
    }
}
