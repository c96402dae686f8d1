package io.hublink.schemas.envelope;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key of a keyring, validated when it is created: the id must fit the envelope's one-byte length and
 * print safely in a log line, the key must be 32 bytes.
 */
final class KeyringKey {

    static final int KEY_BYTES = 32;
    static final int MAX_ID_BYTES = 255;

    private final String id;
    private final SecretKey key;
    private final boolean active;

    /** Copies {@code key}; the caller wipes its own array. */
    KeyringKey(String id, byte[] key, boolean active) {
        this.id = checkedId(id);
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("key " + id + " is not " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.active = active;
    }

    private KeyringKey(String id, SecretKey key, boolean active) {
        this.id = id;
        this.key = key;
        this.active = active;
    }

    static String checkedId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a key id is empty");
        }
        int utf8Length = id.getBytes(StandardCharsets.UTF_8).length;
        if (utf8Length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("key id " + id.substring(0, Math.min(id.length(), 32)) + "… is "
                    + utf8Length + " bytes in UTF-8, more than " + MAX_ID_BYTES);
        }
        // Key ids go into log lines and DLQ headers: nothing that could break a line or hide in one.
        if (id.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.isSurrogate((char) c))) {
            throw new IllegalArgumentException("key id " + KeyIds.printable(id)
                    + " contains whitespace or a control character");
        }
        return id;
    }

    KeyringKey withActive(boolean active) {
        return new KeyringKey(id, key, active);
    }

    String id() {
        return id;
    }

    SecretKey key() {
        return key;
    }

    boolean active() {
        return active;
    }

    /** The raw key, for the keyring file only; the caller wipes it. */
    byte[] copyKeyBytes() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return active ? id + " (active)" : id;
    }
}
