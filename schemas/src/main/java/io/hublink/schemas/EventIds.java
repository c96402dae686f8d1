package io.hublink.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids (RFC 4122 name-based, version 5, SHA-1), so the same request always yields the same ids and
 * any consumer can de-duplicate.
 */
public final class EventIds {

    /** hublink's fixed namespace. Changing it changes every id ever derived: never do. */
    public static final UUID NAMESPACE = UUID.fromString("6f1c2b0e-5d3a-4c1e-9b57-4e8a3f2d7c10");

    private EventIds() {
    }

    /** The id of the one outcome of a request. */
    public static String outcomeEventId(String requestId) {
        return nameBased("outcome:" + requestId).toString();
    }

    /** The id of the one notification of an outcome. */
    public static String notificationId(String sourceEventId) {
        return nameBased("notification:" + sourceEventId).toString();
    }

    static UUID nameBased(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        sha1.update(toBytes(NAMESPACE));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
        }
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (hash[i] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] out = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (msb >>> (56 - 8 * i));
            out[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return out;
    }
}
