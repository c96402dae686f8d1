package io.hublink.worker.clickup;

import io.hublink.schemas.SecretToken;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Identifies a token in in-memory maps by its SHA-256, so that no map ever holds the token itself (maps outlive
 * validations and show up in heap dumps). Shows nothing of either in {@code toString}.
 */
final class TokenKey {

    private final byte[] sha256;
    private final int hash;

    private TokenKey(byte[] sha256) {
        this.sha256 = sha256;
        this.hash = Arrays.hashCode(sha256);
    }

    static TokenKey of(SecretToken token) {
        byte[] bytes = token.copyBytes();
        try {
            return new TokenKey(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenKey && Arrays.equals(sha256, ((TokenKey) other).sha256);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "TokenKey[sha256]";
    }
}
