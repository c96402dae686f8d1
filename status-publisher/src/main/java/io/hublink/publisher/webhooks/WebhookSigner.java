package io.hublink.publisher.webhooks;

/**
 * Signs one delivery attempt (DESIGN "Webhooks"): the {@code Hublink-Signature} value, {@code v1=<hex>} per valid
 * secret, comma-separated, where {@code <hex>} is the lowercase hex HMAC-SHA256 (key: the UTF-8 bytes of the secret
 * as written) of the ASCII timestamp, a {@code .}, and the exact body bytes. Implementations hold the secrets and
 * never show them.
 */
@FunctionalInterface
public interface WebhookSigner {

    String signatureHeader(long unixSeconds, byte[] body);
}
