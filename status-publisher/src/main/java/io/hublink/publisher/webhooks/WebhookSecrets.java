package io.hublink.publisher.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tenant's webhook signing secrets: one, or two while the tenant rotates (DESIGN "Webhooks"). The secrets never
 * leave this object; it only signs. {@code toString} shows how many there are, {@code equals} is identity.
 */
public final class WebhookSecrets implements WebhookSigner {

    /** Two valid at once: the old and the new one, during a rotation. */
    public static final int MAX_SECRETS = 2;

    private final List<SecretKeySpec> keys;

    private WebhookSecrets(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Keys of the UTF-8 bytes of each secret exactly as written; the caller has checked count and length. */
    static WebhookSecrets of(List<String> secrets) {
        if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
            throw new IllegalArgumentException("1 to " + MAX_SECRETS + " secrets, not " + secrets.size());
        }
        List<SecretKeySpec> keys = new ArrayList<>();
        for (String secret : secrets) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            try {
                keys.add(new SecretKeySpec(bytes, "HmacSHA256"));
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        return new WebhookSecrets(keys);
    }

    public int count() {
        return keys.size();
    }

    /**
     * The {@code Hublink-Signature} value: {@code v1=<hex>} per secret, in the file's order, comma-separated, where
     * {@code <hex>} is the lowercase hex HMAC-SHA256 of the ASCII timestamp, a {@code .}, and the exact body bytes.
     */
    @Override
    public String signatureHeader(long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.US_ASCII);
        List<String> entries = new ArrayList<>(keys.size());
        try {
            for (SecretKeySpec key : keys) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                mac.update(prefix);
                entries.add("v1=" + HexFormat.of().formatHex(mac.doFinal(body)));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
        return String.join(",", entries);
    }

    @Override
    public String toString() {
        return "WebhookSecrets[" + keys.size() + (keys.size() == 1 ? " secret" : " secrets") + ", redacted]";
    }
}
