package io.hublink.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SecretTokenTest {

    private static final String TOKEN = "pk_12345678_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    @Test
    void should_never_show_the_token_in_to_string() {
        // given
        SecretToken token = SecretToken.of(TOKEN);

        // then
        assertThat(token.toString()).isEqualTo("SecretToken[redacted]").doesNotContain("pk_");
        assertThat(String.valueOf(token)).doesNotContain(TOKEN);
        assertThat("token=" + token).doesNotContain(TOKEN);
    }

    @Test
    void should_compare_by_identity_so_equality_reveals_nothing() {
        // given two holders of the same token
        SecretToken one = SecretToken.of(TOKEN);
        SecretToken two = SecretToken.of(TOKEN);

        // then equals and hashCode cannot be used to test a guess
        assertThat(one).isNotEqualTo(two).isEqualTo(one);
        assertThat(one.hashCode()).isEqualTo(System.identityHashCode(one));
    }

    @Test
    void should_wipe_the_bytes_on_close() {
        // given an owned array, so the test can watch it
        byte[] owned = TOKEN.getBytes(StandardCharsets.UTF_8);
        SecretToken token = SecretToken.ofOwnedBytes(owned);

        // when
        token.close();

        // then
        assertThat(owned).containsOnly(0);
        assertThat(token.isWiped()).isTrue();
        assertThatThrownBy(token::copyBytes).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("pk_");
        assertThatThrownBy(token::asHeaderValue).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_hand_out_copies_that_do_not_affect_the_token() {
        // given
        try (SecretToken token = SecretToken.of(TOKEN)) {
            // when
            byte[] copy = token.copyBytes();
            copy[0] = 'X';

            // then
            assertThat(token.asHeaderValue()).isEqualTo(TOKEN);
            assertThat(token.length()).isEqualTo(TOKEN.length());
            assertThat(token.isEmpty()).isFalse();
        }
    }
}
