package io.hublink.testkit.clickup;

import java.util.Objects;

/**
 * A Workspace ("team" in API v2) an account belongs to, with the account's role in it.
 *
 * @param id the Workspace id, a string of digits (ClickUp sends ids as strings)
 * @param role 1 owner, 2 admin, 3 member, 4 guest
 */
public record Workspace(String id, String name, int role) {

    public static final int OWNER = 1;
    public static final int ADMIN = 2;
    public static final int MEMBER = 3;
    public static final int GUEST = 4;

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isEmpty() || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("id must be a string of digits");
        }
        if (role < OWNER || role > GUEST) {
            throw new IllegalArgumentException("role must be 1 (owner), 2 (admin), 3 (member) or 4 (guest)");
        }
    }

    public static Workspace of(String id, String name, int role) {
        return new Workspace(id, name, role);
    }
}
