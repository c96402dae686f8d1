package io.hublink.testkit.clickup;

import java.util.Objects;

/**
 * The person a token belongs to, as {@code GET /user} reports them.
 *
 * @param id ClickUp's numeric user id ({@code user.id} is a JSON number)
 */
public record User(long id, String username, String email) {

    public User {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be a positive whole number");
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
    }

    public static User of(long id, String username, String email) {
        return new User(id, username, email);
    }
}
