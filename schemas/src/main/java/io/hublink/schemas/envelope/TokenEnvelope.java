package io.hublink.schemas.envelope;

import io.hublink.schemas.SecretToken;
import io.hublink.schemas.envelope.EnvelopeUnreadableException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The token envelope, byte for byte (DESIGN.md, "Secrets"), so upstream services in any language can produce it:
 *
 * <pre>
 * 0x01 (format version) ‖ key-id length (1 byte) ‖ key id (UTF-8) ‖ nonce (12 random bytes)
 *      ‖ AES-256-GCM ciphertext of the token's UTF-8 bytes, followed by its 16-byte tag
 * </pre>
 *
 * The associated data is {@link EnvelopeBinding#associatedData()}. A fresh nonce is drawn for every seal.
 */
public final class TokenEnvelope {

    public static final byte FORMAT_VERSION = 0x01;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenEnvelope() {
    }

    /** Seals {@code token} under the keyring's active key; the token stays open for the caller to close. */
    public static byte[] seal(Keyring keyring, SecretToken token, EnvelopeBinding binding) {
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(binding, "binding");
        KeyringKey key = keyring.activeKey();
        byte[] keyId = key.id().getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] plaintext = token.copyBytes();
        try {
            int headerLength = 2 + keyId.length + NONCE_BYTES;
            byte[] envelope = new byte[headerLength + plaintext.length + TAG_BYTES];
            ByteBuffer.wrap(envelope).put(FORMAT_VERSION).put((byte) keyId.length).put(keyId).put(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key.key(), nonce, 0, binding);
            // Straight into the envelope: no intermediate buffer holds ciphertext or plaintext.
            cipher.doFinal(plaintext, 0, plaintext.length, envelope, headerLength);
            return envelope;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Opens an envelope. The returned token owns the decrypted bytes; close it as soon as it has been used.
     *
     * @throws UnknownKeyIdException        sealed under a key id this keyring does not hold
     * @throws EnvelopeUnreadableException  not an envelope of this format, truncated, tampered with, or bound to
     *                                      another tenant, account or workspace input
     */
    public static SecretToken open(Keyring keyring, byte[] envelope, EnvelopeBinding binding)
            throws UnknownKeyIdException, EnvelopeUnreadableException {
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(binding, "binding");
        Layout layout = Layout.parse(envelope);
        KeyringKey key = keyring.key(layout.keyId).orElseThrow(() -> new UnknownKeyIdException(layout.keyId));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.key(), envelope, layout.nonceOffset, binding);
            int ciphertextOffset = layout.nonceOffset + NONCE_BYTES;
            return SecretToken.ofOwnedBytes(
                    cipher.doFinal(envelope, ciphertextOffset, envelope.length - ciphertextOffset));
        } catch (AEADBadTagException e) {
            throw new EnvelopeUnreadableException(Reason.AUTHENTICATION_FAILED);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /** The key id an envelope names, or empty when it is not a well-formed envelope of this format. */
    public static Optional<String> keyIdOf(byte[] envelope) {
        try {
            return Optional.of(Layout.parse(envelope).keyId);
        } catch (EnvelopeUnreadableException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, int nonceOffset, EnvelopeBinding binding)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce, nonceOffset, NONCE_BYTES));
        cipher.updateAAD(binding.associatedData());
        return cipher;
    }

    /** Where the parts of an envelope are; parsing checks everything but the tag. */
    private static final class Layout {
        final String keyId;
        final int nonceOffset;

        private Layout(String keyId, int nonceOffset) {
            this.keyId = keyId;
            this.nonceOffset = nonceOffset;
        }

        static Layout parse(byte[] envelope) throws EnvelopeUnreadableException {
            if (envelope == null || envelope.length == 0) {
                throw new EnvelopeUnreadableException(Reason.TRUNCATED);
            }
            if (envelope[0] != FORMAT_VERSION) {
                throw new EnvelopeUnreadableException(Reason.UNSUPPORTED_VERSION);
            }
            if (envelope.length < 2) {
                throw new EnvelopeUnreadableException(Reason.TRUNCATED);
            }
            int keyIdLength = envelope[1] & 0xff;
            // The smallest sealed token is the empty one: nothing but the tag after the nonce.
            if (envelope.length < 2 + keyIdLength + NONCE_BYTES + TAG_BYTES) {
                throw new EnvelopeUnreadableException(Reason.TRUNCATED);
            }
            if (keyIdLength == 0) {
                throw new EnvelopeUnreadableException(Reason.MALFORMED_KEY_ID);
            }
            try {
                String keyId = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(envelope, 2, keyIdLength))
                        .toString();
                return new Layout(keyId, 2 + keyIdLength);
            } catch (CharacterCodingException e) {
                throw new EnvelopeUnreadableException(Reason.MALFORMED_KEY_ID);
            }
        }
    }
}
