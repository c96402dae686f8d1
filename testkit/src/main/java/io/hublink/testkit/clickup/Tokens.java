package io.hublink.testkit.clickup;

/** Checks on token values; messages name the field, never the value. */
final class Tokens {

    static final String REDACTED = "[redacted]";

    private Tokens() {
    }

    /**
     * A token is sent as a raw header value, so it must be printable ASCII without spaces (0x21-0x7E): anything else
     * could not reach the simulator unchanged.
     */
    static void requireValid(String token, String field) {
        if (token == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        if (!token.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new IllegalArgumentException(field + " must be printable ASCII without spaces");
        }
    }
}
