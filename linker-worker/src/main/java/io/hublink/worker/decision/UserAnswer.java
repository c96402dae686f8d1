package io.hublink.worker.decision;

import java.util.Objects;

/** What {@code GET /api/v2/user} answered. */
public sealed interface UserAnswer extends ClickUpAnswer
        permits UserAnswer.Identified, CredentialsRejected, RateLimited, ProviderTrouble {

    /** 200 with a {@code user} object: who owns the token. */
    record Identified(TokenOwner owner) implements UserAnswer {
        public Identified {
            Objects.requireNonNull(owner, "owner");
        }
    }
}
