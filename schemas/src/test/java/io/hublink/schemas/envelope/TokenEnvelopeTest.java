package io.hublink.schemas.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hublink.schemas.SecretToken;
import io.hublink.schemas.envelope.EnvelopeUnreadableException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TokenEnvelopeTest {

    private static final String TOKEN = "pk_12345678_abcdefghijklmnopqrstuvwxyz012345";
    private static final EnvelopeBinding BINDING =
            new EnvelopeBinding("t-1", "acc-1", " https://app.clickup.com/9012345678/home ");

    private final Keyring keyring = Keyring.generate();

    @Test
    void should_lay_out_version_key_id_nonce_and_ciphertext_with_tag() {
        // when
        byte[] envelope = seal(TOKEN);

        // then, read by hand
        byte[] keyId = keyring.activeKeyId().getBytes(StandardCharsets.UTF_8);
        assertThat(envelope[0]).isEqualTo((byte) 0x01);
        assertThat(envelope[1] & 0xff).isEqualTo(keyId.length);
        assertThat(Arrays.copyOfRange(envelope, 2, 2 + keyId.length)).isEqualTo(keyId);
        assertThat(envelope).hasSize(2 + keyId.length + 12 + TOKEN.length() + 16);
        assertThat(TokenEnvelope.keyIdOf(envelope)).contains(keyring.activeKeyId());
        assertThat(new String(envelope, StandardCharsets.ISO_8859_1)).doesNotContain("pk_");
    }

    @Test
    void should_be_opened_by_an_independent_aes_gcm_decryption_built_from_the_spec() throws Exception {
        // given
        byte[] envelope = seal(TOKEN);
        int idLength = envelope[1] & 0xff;
        int nonceAt = 2 + idLength;

        // when decrypted with plain javax.crypto, associated data built by hand
        ByteBuffer built = ByteBuffer.allocate(1024)
                .putInt(3).put("t-1".getBytes(StandardCharsets.UTF_8))
                .putInt(5).put("acc-1".getBytes(StandardCharsets.UTF_8))
                .putInt(41).put(" https://app.clickup.com/9012345678/home ".getBytes(StandardCharsets.UTF_8))
                .flip();
        byte[] aad = Arrays.copyOf(built.array(), built.limit());
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE,
                new SecretKeySpec(TestKeyrings.rawKey(keyring, keyring.activeKeyId()), "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(envelope, nonceAt, nonceAt + 12)));
        cipher.updateAAD(aad);
        byte[] plain = cipher.doFinal(envelope, nonceAt + 12, envelope.length - nonceAt - 12);

        // then
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(TOKEN);
        assertThat(BINDING.associatedData()).isEqualTo(aad);
    }

    @Test
    void should_open_an_envelope_sealed_by_another_language_from_the_spec() throws Exception {
        // given an envelope made with Python's 'cryptography' AESGCM, key 00..1f, nonce a0..ab
        byte[] envelope = HexFormat.of().parseHex("01116b2d32303236313230332d336661396331a0a1a2a3a4a5a6a7a8a9aaab"
                + "9673231c77f8368a5452bf8c6618a3ba15ca3e78fbdd2900f16049f60ed90675a7003087d658630c6daf30fdbe9b"
                + "96cb08fdf9bf3a456b5a68d756a5");

        // when
        try (SecretToken token = TokenEnvelope.open(TestKeyrings.known(), envelope, BINDING)) {
            // then
            assertThat(token.asHeaderValue()).isEqualTo(TOKEN);
        }
    }

    @Test
    void should_open_what_it_sealed_and_leave_the_given_token_open() throws Exception {
        // given
        SecretToken original = SecretToken.of(TOKEN);

        // when
        byte[] envelope = TokenEnvelope.seal(keyring, original, BINDING);

        // then
        try (SecretToken opened = TokenEnvelope.open(keyring, envelope, BINDING)) {
            assertThat(opened.asHeaderValue()).isEqualTo(TOKEN);
        }
        assertThat(original.isWiped()).isFalse();
    }

    @Test
    void should_seal_and_open_empty_and_odd_tokens_as_given() throws Exception {
        for (String odd : new String[] {"", " ", "\"Bearer pk_1\"\r\n", "ü€𝄞"}) {
            byte[] envelope = seal(odd);
            try (SecretToken opened = TokenEnvelope.open(keyring, envelope, BINDING)) {
                assertThat(opened.asHeaderValue()).isEqualTo(odd);
            }
        }
    }

    @Test
    void should_fail_when_any_single_byte_is_tampered_with() {
        // given
        byte[] envelope = seal(TOKEN);
        int idEnd = 2 + (envelope[1] & 0xff);

        for (int at = 0; at < envelope.length; at++) {
            byte[] tampered = envelope.clone();
            tampered[at] ^= 0x01;

            // when
            Throwable failure = catchThrowable(() -> TokenEnvelope.open(keyring, tampered, BINDING));

            // then
            String part = at == 0 ? "version" : at < idEnd ? "key id" : at < idEnd + 12 ? "nonce"
                    : at < envelope.length - 16 ? "ciphertext" : "tag";
            assertThat(failure).as("byte %d (%s)", at, part)
                    .isInstanceOfAny(EnvelopeUnreadableException.class, UnknownKeyIdException.class);
            if (at == 0) {
                assertThat(((EnvelopeUnreadableException) failure).reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
            } else if (at >= idEnd) {
                assertThat(((EnvelopeUnreadableException) failure).reason()).as("byte %d (%s)", at, part)
                        .isEqualTo(Reason.AUTHENTICATION_FAILED);
            }
        }
    }

    @Test
    void should_fail_when_opened_for_another_tenant_account_or_workspace_input() {
        // given
        byte[] envelope = seal(TOKEN);

        for (EnvelopeBinding other : new EnvelopeBinding[] {
                new EnvelopeBinding("t-2", "acc-1", BINDING.workspaceInput()),
                new EnvelopeBinding("t-1", "acc-2", BINDING.workspaceInput()),
                new EnvelopeBinding("t-1", "acc-1", "9012345678"),
                new EnvelopeBinding("t-1acc-1", "", BINDING.workspaceInput())}) {
            // when
            EnvelopeUnreadableException e = catchThrowableOfType(EnvelopeUnreadableException.class,
                    () -> TokenEnvelope.open(keyring, envelope, other));

            // then
            assertThat(e).as("%s", other).isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        }
    }

    @Test
    void should_draw_a_fresh_nonce_for_every_seal() {
        // given
        Set<String> nonces = new HashSet<>();
        Set<String> envelopes = new HashSet<>();
        int nonceAt = 2 + keyring.activeKeyId().length();

        // when
        for (int i = 0; i < 1_000; i++) {
            byte[] envelope = seal(TOKEN);
            nonces.add(HexFormat.of().formatHex(envelope, nonceAt, nonceAt + 12));
            envelopes.add(HexFormat.of().formatHex(envelope));
        }

        // then
        assertThat(nonces).hasSize(1_000);
        assertThat(envelopes).hasSize(1_000);
    }

    @Test
    void should_name_an_unknown_key_id() {
        // given an envelope sealed under another keyring's key
        Keyring other = Keyring.generate();
        byte[] envelope = TokenEnvelope.seal(other, SecretToken.of(TOKEN), BINDING);

        // when
        UnknownKeyIdException e = catchThrowableOfType(UnknownKeyIdException.class,
                () -> TokenEnvelope.open(keyring, envelope, BINDING));

        // then
        assertThat(e.keyId()).isEqualTo(other.activeKeyId());
        assertThat(e).hasMessageContaining(other.activeKeyId());
        assertThat(TokenEnvelope.keyIdOf(envelope)).contains(other.activeKeyId());
    }

    @Test
    void should_open_envelopes_under_an_older_key_after_rotation() throws Exception {
        // given an envelope under the first key, then a second key added and activated
        byte[] old = seal(TOKEN);
        Keyring added = keyring.withNewKey();
        Keyring rotated = added.activate(added.newestKeyId());

        // when
        byte[] fresh = TokenEnvelope.seal(rotated, SecretToken.of(TOKEN), BINDING);

        // then
        assertThat(TokenEnvelope.keyIdOf(fresh)).contains(added.newestKeyId());
        try (SecretToken opened = TokenEnvelope.open(rotated, old, BINDING)) {
            assertThat(opened.asHeaderValue()).isEqualTo(TOKEN);
        }
        assertThat(TokenEnvelope.keyIdOf(TokenEnvelope.seal(added, SecretToken.of(TOKEN), BINDING)))
                .as("an added key does not seal before it is activated")
                .contains(keyring.activeKeyId());
    }

    @Test
    void should_report_every_truncation_without_quoting_bytes() {
        // given
        byte[] envelope = seal(TOKEN);

        for (int length = 0; length < envelope.length; length++) {
            // when
            byte[] cut = Arrays.copyOf(envelope, length);
            EnvelopeUnreadableException e = catchThrowableOfType(EnvelopeUnreadableException.class,
                    () -> TokenEnvelope.open(keyring, cut, BINDING));

            // then: too short to hold a tag is truncated; long enough, a tag that does not match
            assertThat(e).as("cut to %d", length).isNotNull();
            int shortest = 2 + keyring.activeKeyId().length() + 12 + 16;
            assertThat(e.reason()).as("cut to %d", length)
                    .isEqualTo(length < shortest ? Reason.TRUNCATED : Reason.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).isIn(messages());
        }
        assertThat(catchThrowableOfType(EnvelopeUnreadableException.class,
                () -> TokenEnvelope.open(keyring, null, BINDING)).reason()).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void should_refuse_other_format_versions_and_malformed_key_ids() {
        // given
        byte[] versionTwo = seal(TOKEN);
        versionTwo[0] = 0x02;
        byte[] badUtf8 = seal(TOKEN);
        badUtf8[2] = (byte) 0xFF;

        // then
        assertThat(catchThrowableOfType(EnvelopeUnreadableException.class,
                () -> TokenEnvelope.open(keyring, versionTwo, BINDING)).reason())
                .isEqualTo(Reason.UNSUPPORTED_VERSION);
        assertThat(catchThrowableOfType(EnvelopeUnreadableException.class,
                () -> TokenEnvelope.open(keyring, badUtf8, BINDING)).reason())
                .isEqualTo(Reason.MALFORMED_KEY_ID);
        assertThat(TokenEnvelope.keyIdOf(versionTwo)).isEmpty();
        assertThat(TokenEnvelope.keyIdOf(badUtf8)).isEmpty();
        assertThat(TokenEnvelope.keyIdOf(null)).isEmpty();
        assertThat(TokenEnvelope.keyIdOf(new byte[] {1, 3, 'k'})).isEmpty();
    }

    @Test
    void should_never_show_the_workspace_input_of_a_binding() {
        assertThat(new EnvelopeBinding("t-1", "acc-1", TOKEN).toString())
                .doesNotContain(TOKEN).contains("t-1").contains("acc-1");
    }

    private static Set<String> messages() {
        Set<String> messages = new HashSet<>();
        for (Reason reason : Reason.values()) {
            messages.add(new EnvelopeUnreadableException(reason).getMessage());
        }
        return messages;
    }

    private byte[] seal(String token) {
        try (SecretToken secret = SecretToken.of(token)) {
            return TokenEnvelope.seal(keyring, secret, BINDING);
        }
    }
}
