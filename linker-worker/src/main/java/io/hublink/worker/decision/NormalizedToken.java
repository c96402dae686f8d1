package io.hublink.worker.decision;

import io.hublink.schemas.SecretToken;
import java.util.Objects;

/** What {@link TokenNormalizer} made of a pasted token: one that may be sent, or why it may not. */
public sealed interface NormalizedToken {

    /** A token of printable ASCII only, ready for the Authorization header. The caller owns and closes it. */
    record Valid(SecretToken token) implements NormalizedToken {
        public Valid {
            Objects.requireNonNull(token, "token");
        }
    }

    /** {@code why} is one of a few fixed phrases (e.g. "empty"); it never contains any part of the token. */
    record Malformed(String why) implements NormalizedToken {
        public Malformed {
            Objects.requireNonNull(why, "why");
        }
    }
}
