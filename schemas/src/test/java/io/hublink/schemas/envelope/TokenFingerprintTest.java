package io.hublink.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.schemas.SecretToken;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TokenFingerprintTest {

    private static final String TOKEN = "pk_12345678_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private final Keyring keyring = TestKeyrings.known();

    @Test
    void should_be_base64url_hmac_sha256_of_the_token_under_the_fingerprint_key() throws Exception {
        // given HMAC-SHA256 computed with plain javax.crypto
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestKeyrings.FINGERPRINT_KEY, "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(TOKEN.getBytes(StandardCharsets.UTF_8)));

        // when
        String fingerprint = fingerprint(keyring, TOKEN);

        // then
        assertThat(fingerprint).isEqualTo(expected).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void should_be_stable_for_one_token() {
        assertThat(fingerprint(keyring, TOKEN)).isEqualTo(fingerprint(keyring, TOKEN));
    }

    @Test
    void should_differ_per_token() {
        assertThat(fingerprint(keyring, TOKEN)).isNotEqualTo(fingerprint(keyring, TOKEN + "x"));
    }

    @Test
    void should_differ_per_fingerprint_key_and_survive_key_rotation() {
        // given a keyring with another fingerprint key, and one with rotated envelope keys
        Keyring other = Keyring.generate();
        Keyring added = keyring.withNewKey();
        Keyring rotated = added.activate(added.newestKeyId());

        // then
        assertThat(fingerprint(other, TOKEN)).isNotEqualTo(fingerprint(keyring, TOKEN));
        assertThat(fingerprint(rotated, TOKEN)).isEqualTo(fingerprint(keyring, TOKEN));
    }

    @Test
    void should_never_contain_the_token() {
        // when
        String fingerprint = fingerprint(keyring, TOKEN);

        // then
        assertThat(fingerprint).doesNotContain(TOKEN).doesNotContain("pk_").doesNotContain("12345678")
                .doesNotContain(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)).substring(0, 8));
    }

    @Test
    void should_leave_the_given_token_open() {
        SecretToken token = SecretToken.of(TOKEN);
        TokenFingerprint.of(keyring, token);
        assertThat(token.isWiped()).isFalse();
        assertThat(token.asHeaderValue()).isEqualTo(TOKEN);
    }

    private static String fingerprint(Keyring keyring, String token) {
        try (SecretToken secret = SecretToken.of(token)) {
            return TokenFingerprint.of(keyring, secret);
        }
    }
}
