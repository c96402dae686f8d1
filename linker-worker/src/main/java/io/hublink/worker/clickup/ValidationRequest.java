package io.hublink.worker.clickup;

import io.hublink.schemas.SecretToken;
import java.time.Instant;
import java.util.Objects;

/**
 * One validation to run.
 *
 * @param token       the normalised token; owned by the caller, who closes it once the future of
 *                    {@link CredentialValidator#validate} has completed (the validator keeps its own copy for
 *                    calls still running after the verdict, and wipes it)
 * @param workspaceId the normalised workspace id
 * @param deadline    after it, provider trouble fails the request; a verdict from ClickUp still wins
 */
public record ValidationRequest(SecretToken token, String workspaceId, Instant deadline) {
    public ValidationRequest {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(deadline, "deadline");
    }
}
