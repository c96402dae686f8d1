package io.hublink.worker.clickup;

import io.hublink.schemas.SecretToken;
import java.time.Instant;

/** What a {@link CallLoop} calls with: the validation's own token copy, its key, the deadline, and one-try mode. */
record CallTarget(SecretToken token, TokenKey key, Instant deadline, boolean oneTry) {
}
