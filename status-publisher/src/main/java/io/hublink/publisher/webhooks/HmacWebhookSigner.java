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
 * The signature of DESIGN "Webhooks" under one or two secrets (two while a tenant rotates). Interim: the secrets
 * branch (issue 5) brings {@code WebhookSecrets} with the same {@code signatureHeader(long, byte[])}, which plugs into
 * {@link WebhookSigner} as {@code secrets::signatureHeader} and replaces this class.
 */
public final class HmacWebhookSigner implements WebhookSigner {

    private final List<SecretKeySpec> keys;

    private HmacWebhookSigner(List<SecretKeySpec> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Keys are the UTF-8 bytes of each secret exactly as written. */
    public static HmacWebhookSigner of(List<String> secrets) {
        if (secrets.isEmpty() || secrets.size() > 2) {
            throw new IllegalArgumentException("1 or 2 secrets, not " + secrets.size());
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
        return new HmacWebhookSigner(keys);
    }

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
        return "HmacWebhookSigner[" + keys.size() + " secret(s), redacted]";
    }
}
