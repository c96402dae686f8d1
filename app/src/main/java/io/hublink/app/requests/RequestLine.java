package io.hublink.app.requests;

import io.hublink.events.Purpose;
import io.hublink.schemas.SecretToken;
import java.time.Instant;
import java.util.Optional;

/**
 * One checked line of a request file. {@code token} and {@code workspace} are the user's input exactly as given: the
 * worker, not this tool, decides what is wrong with them.
 */
public record RequestLine(int lineNumber, String tenantId, String accountId, SecretToken token, String workspace,
                          Optional<String> requestId, Purpose purpose, Optional<Instant> deadline) {

    @Override
    public String toString() {
        return "RequestLine[line " + lineNumber + ", account " + accountId + "]";
    }
}
