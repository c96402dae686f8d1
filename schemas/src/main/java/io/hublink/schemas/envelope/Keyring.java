package io.hublink.schemas.envelope;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal and open token envelopes, plus the key of token fingerprints. Immutable: every change returns a
 * new keyring.
 *
 * <p>Exactly one key is active: it seals. Every key opens. Rotation is two-phase so that no instance ever meets an
 * envelope under a key it lacks: {@link #withNewKey()} (deploy the file everywhere; the key is not yet used), then
 * {@link #activate(String)}. The fingerprint key never rotates: a new one would change every account's
 * {@code tokenFingerprint}.
 *
 * <p>Key bytes never leave this package except through {@link KeyringFile}; {@link #toString()} lists ids only.
 */
public final class Keyring {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, KeyringKey> keys;
    private final KeyringKey active;
    private final SecretKey fingerprintKey;

    private Keyring(List<KeyringKey> keys, SecretKey fingerprintKey) {
        Map<String, KeyringKey> byId = new LinkedHashMap<>();
        for (KeyringKey key : keys) {
            if (byId.put(key.id(), key) != null) {
                throw new IllegalArgumentException("key id " + key.id() + " appears twice");
            }
        }
        List<String> activeIds = keys.stream().filter(KeyringKey::active).map(KeyringKey::id).toList();
        if (activeIds.isEmpty()) {
            throw new IllegalArgumentException("no active key");
        }
        if (activeIds.size() > 1) {
            throw new IllegalArgumentException("more than one active key: " + String.join(", ", activeIds));
        }
        this.keys = Collections.unmodifiableMap(byId);
        this.active = byId.get(activeIds.get(0));
        this.fingerprintKey = fingerprintKey;
    }

    /** A new keyring: one active AES-256 key and a fresh fingerprint key. */
    public static Keyring generate() {
        return generate(Clock.systemUTC());
    }

    static Keyring generate(Clock clock) {
        byte[] key = randomKey();
        byte[] fingerprint = randomKey();
        try {
            return of(fingerprint, List.of(new KeyringKey(KeyIds.next(Set.of(), clock, RANDOM), key, true)));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(fingerprint, (byte) 0);
        }
    }

    /** A keyring of the given keys; copies the fingerprint key, which the caller wipes. */
    static Keyring of(byte[] fingerprintKey, List<KeyringKey> keys) {
        if (fingerprintKey == null || fingerprintKey.length != KeyringKey.KEY_BYTES) {
            throw new IllegalArgumentException("fingerprintKey is not " + KeyringKey.KEY_BYTES + " bytes");
        }
        return new Keyring(keys, new SecretKeySpec(fingerprintKey, "HmacSHA256"));
    }

    /**
     * This keyring plus a fresh inactive key ({@link #newestKeyId()} names it), to be deployed everywhere before it is
     * {@linkplain #activate(String) activated}.
     */
    public Keyring withNewKey() {
        return withNewKey(Clock.systemUTC());
    }

    Keyring withNewKey(Clock clock) {
        byte[] key = randomKey();
        try {
            List<KeyringKey> next = new ArrayList<>(keys.values());
            next.add(new KeyringKey(KeyIds.next(keys.keySet(), clock, RANDOM), key, false));
            return new Keyring(next, fingerprintKey);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** This keyring with {@code keyId} as the one active key; an id it does not hold is an IllegalArgumentException. */
    public Keyring activate(String keyId) {
        if (!keys.containsKey(keyId)) {
            throw new IllegalArgumentException("no key " + keyId + " in the keyring (keys: "
                    + String.join(", ", keys.keySet()) + ")");
        }
        List<KeyringKey> next = keys.values().stream()
                .map(key -> key.withActive(key.id().equals(keyId)))
                .toList();
        return new Keyring(next, fingerprintKey);
    }

    /** Every key id, in the order the keys were added. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The id of the key that seals. */
    public String activeKeyId() {
        return active.id();
    }

    /** The id of the most recently added key (after {@link #withNewKey()}: the new one). */
    public String newestKeyId() {
        String newest = null;
        for (String id : keys.keySet()) {
            newest = id;
        }
        return newest;
    }

    KeyringKey activeKey() {
        return active;
    }

    Optional<KeyringKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    List<KeyringKey> keys() {
        return List.copyOf(keys.values());
    }

    SecretKey fingerprintKey() {
        return fingerprintKey;
    }

    @Override
    public String toString() {
        return "Keyring[keys=" + keys.values().stream().map(KeyringKey::toString).collect(Collectors.joining(", "))
                + "]";
    }

    private static byte[] randomKey() {
        byte[] key = new byte[KeyringKey.KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }
}
