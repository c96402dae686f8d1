package io.hublink.testkit.clickup;

import java.util.List;
import java.util.Objects;

/**
 * A personal API token the simulator accepts, the user it belongs to, and the Workspaces it reaches.
 * {@link #toString()} never shows the token.
 */
public record Account(String token, User user, List<Workspace> workspaces) {

    public Account {
        Tokens.requireValid(token, "token");
        Objects.requireNonNull(user, "user");
        workspaces = List.copyOf(workspaces);
    }

    public static Account of(String token, User user, Workspace... workspaces) {
        return new Account(token, user, List.of(workspaces));
    }

    /** Whether this account is a member of the Workspace with that id. */
    public boolean reaches(String workspaceId) {
        return workspaces.stream().anyMatch(w -> w.id().equals(workspaceId));
    }

    @Override
    public String toString() {
        return "Account[token=" + Tokens.REDACTED + ", user=" + user + ", workspaces=" + workspaces + "]";
    }
}
