package io.hublink.publisher.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How a receiver verifies a delivery: the README's Java example, line for line. */
final class WebhookVerifier {

    private WebhookVerifier() {
    }

    static boolean verify(String secret, String timestampHeader, String signatureHeader, byte[] rawBody, Instant now)
            throws Exception {
        long timestamp = Long.parseLong(timestampHeader);
        if (Math.abs(now.getEpochSecond() - timestamp) > Duration.ofMinutes(5).toSeconds()) {
            return false; // too old (or from the future): a replay
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestampHeader + ".").getBytes(StandardCharsets.US_ASCII));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(rawBody)).getBytes(StandardCharsets.US_ASCII);
        for (String entry : signatureHeader.split(",")) {
            String value = entry.trim();
            if (value.startsWith("v1=") && MessageDigest.isEqual(expected,
                    value.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
