package io.hublink.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A ClickUp token in memory. It never shows itself: {@code toString} is fixed, {@code equals} is identity, and the
 * bytes are only reachable through {@link #copyBytes()} or {@link #asHeaderValue()}, whose callers must not keep the
 * result. {@link #close()} overwrites the bytes, so holders use try-with-resources.
 */
public final class SecretToken implements AutoCloseable {

    private final byte[] utf8;
    private volatile boolean wiped;

    private SecretToken(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** Takes ownership of {@code utf8}: the caller must not use the array afterwards. */
    public static SecretToken ofOwnedBytes(byte[] utf8) {
        return new SecretToken(utf8);
    }

    public static SecretToken of(String token) {
        return new SecretToken(token.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the UTF-8 bytes; the caller wipes it ({@code Arrays.fill(b, (byte) 0)}) when done. */
    public byte[] copyBytes() {
        checkNotWiped();
        return utf8.clone();
    }

    /** The token as text, for the one place that must send it (the Authorization header). */
    public String asHeaderValue() {
        checkNotWiped();
        return new String(utf8, StandardCharsets.UTF_8);
    }

    public int length() {
        return utf8.length;
    }

    public boolean isEmpty() {
        return utf8.length == 0;
    }

    public boolean isWiped() {
        return wiped;
    }

    @Override
    public void close() {
        Arrays.fill(utf8, (byte) 0);
        wiped = true;
    }

    @Override
    public String toString() {
        return "SecretToken[redacted]";
    }

    private void checkNotWiped() {
        if (wiped) {
            throw new IllegalStateException("token already wiped");
        }
    }
}
