package io.hublink.worker.clickup;

import io.hublink.schemas.SecretToken;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks ClickUp one thing, once: no retries here, they belong to the validator. The future completes with any
 * answer ClickUp gives (every status, the body read fully), or exceptionally with a {@link ClickUpTransportException}
 * when there is no answer. The token is read before {@code get} returns, so the caller may close it any time after.
 */
public interface ClickUpTransport {

    /**
     * @param path  e.g. {@code /api/v2/team}
     * @param token sent raw as {@code Authorization} (personal tokens take no "Bearer"); empty sends no header
     */
    CompletableFuture<ClickUpResponse> get(String path, Optional<SecretToken> token);
}
