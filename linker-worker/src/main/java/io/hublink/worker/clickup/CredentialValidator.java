package io.hublink.worker.clickup;

import io.hublink.worker.decision.Verdict;
import java.util.concurrent.CompletableFuture;

/**
 * Checks a normalised token and workspace id against ClickUp. The future always completes normally with a verdict
 * (provider trouble past the deadline is a retryable {@link Verdict.Failed}), and never on the caller's thread's
 * time: waits are scheduled, nothing blocks.
 */
public interface CredentialValidator {

    CompletableFuture<Verdict> validate(ValidationRequest request);
}
