package io.hublink.schemas.envelope;

import io.hublink.schemas.SecretToken;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * {@code tokenFingerprint}: base64url (no padding) of HMAC-SHA256 of the normalised token's UTF-8 bytes under the
 * keyring's fingerprint key. The hub can see that two accounts share a token without anyone seeing the token, and
 * without the key nobody can test a guessed token against it.
 */
public final class TokenFingerprint {

    private TokenFingerprint() {
    }

    /** The fingerprint of a token that has already been normalised (the same token always gives the same text). */
    public static String of(Keyring keyring, SecretToken normalizedToken) {
        byte[] token = normalizedToken.copyBytes();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keyring.fingerprintKey());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(token));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }
}
