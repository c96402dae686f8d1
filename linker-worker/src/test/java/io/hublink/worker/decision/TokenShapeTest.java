package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.FailureReason;
import io.hublink.schemas.SecretToken;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenShapeTest {

    @Test
    void should_tell_a_personal_token_from_an_oauth_secret_and_an_empty_field() {
        assertThat(TokenShape.of(TokenNormalizer.normalize(SecretToken.of(" pk_123_ABC ")))).isEqualTo(TokenShape.PERSONAL);
        assertThat(TokenShape.of(TokenNormalizer.normalize(SecretToken.of("0a1b2c3d4e5f")))).isEqualTo(TokenShape.NOT_PERSONAL);
        assertThat(TokenShape.of(TokenNormalizer.normalize(SecretToken.of("   ")))).isEqualTo(TokenShape.EMPTY);
        assertThat(TokenShape.of(TokenNormalizer.normalize(SecretToken.of("pk_1\u0000")))).isEqualTo(TokenShape.UNKNOWN);
    }

    @Test
    void should_not_blame_a_regenerated_token_when_the_token_was_never_a_personal_one() {
        String message = UserMessages.forFailure(Verdict.Failed.of(FailureReason.TOKEN_INVALID), "9012345678",
                TokenShape.NOT_PERSONAL);

        assertThat(message).contains("not a personal API token").contains("pk_").doesNotContain("regenerated");
    }

    @Test
    void should_say_the_token_was_empty() {
        String message = UserMessages.forFailure(Verdict.Failed.of(FailureReason.TOKEN_MALFORMED), "9012345678",
                TokenShape.EMPTY);

        assertThat(message).startsWith("The API token was empty.");
    }
}
