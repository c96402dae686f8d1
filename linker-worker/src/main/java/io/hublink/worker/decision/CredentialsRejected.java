package io.hublink.worker.decision;

import io.hublink.events.FailureReason;
import java.util.Objects;

/**
 * ClickUp answered about the credentials with an error: {@code ecode} is its ECODE (e.g. OAUTH_025) and
 * {@code reason} what that means for the link. Final: asking again gives the same answer.
 */
public record CredentialsRejected(int status, String ecode, FailureReason reason) implements TeamAnswer, UserAnswer {
    public CredentialsRejected {
        Objects.requireNonNull(ecode, "ecode");
        Objects.requireNonNull(reason, "reason");
    }
}
