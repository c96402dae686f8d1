package io.hublink.worker.decision;

import io.hublink.schemas.SecretToken;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns what a user pasted into the token ClickUp expects, exactly as DESIGN "Verdicts" says: strip surrounding
 * whitespace (Unicode), then one pair of surrounding quotes, then a leading {@code Authorization:} (any case) and the
 * whitespace after it, then a leading {@code Bearer } (any case). What remains must be non-empty printable ASCII
 * (0x21-0x7E); anything else is never sent, because HTTP libraries silently rewrite CR/LF in header values.
 *
 * <p>The work happens on arrays that are wiped afterwards, never on {@code String}s, which cannot be wiped. A shape
 * that is not {@code pk_...} (an OAuth client id, say) is still valid here: only ClickUp can judge it.
 */
public final class TokenNormalizer {

    private static final char[] AUTHORIZATION = "authorization:".toCharArray();
    private static final char[] BEARER = "bearer ".toCharArray();

    private TokenNormalizer() {
    }

    public static NormalizedToken normalize(SecretToken raw) {
        byte[] bytes = raw.copyBytes();
        // UTF-8 never needs more chars than bytes, so one array of that size holds the decoded text and the decoder
        // copies the token nowhere else.
        char[] chars = new char[bytes.length];
        try {
            int length = decodeStrictUtf8(bytes, chars);
            if (length < 0) {
                return new NormalizedToken.Malformed("not valid UTF-8");
            }
            return normalize(chars, length);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(chars, '\0');
        }
    }

    private static NormalizedToken normalize(char[] chars, int length) {
        int start = 0;
        int end = length;
        while (start < end && isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && isWhitespace(chars[end - 1])) {
            end--;
        }
        if (end - start >= 2 && isQuote(chars[start]) && chars[end - 1] == chars[start]) {
            start++;
            end--;
        }
        if (startsWithIgnoreCase(chars, start, end, AUTHORIZATION)) {
            start += AUTHORIZATION.length;
            while (start < end && isWhitespace(chars[start])) {
                start++;
            }
        }
        if (startsWithIgnoreCase(chars, start, end, BEARER)) {
            start += BEARER.length;
        }
        if (start == end) {
            return new NormalizedToken.Malformed("empty");
        }
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c < 0x21 || c > 0x7E) {
                return new NormalizedToken.Malformed(describe(c));
            }
        }
        byte[] ascii = new byte[end - start];
        for (int i = start; i < end; i++) {
            ascii[i - start] = (byte) chars[i];
        }
        return new NormalizedToken.Valid(SecretToken.ofOwnedBytes(ascii));
    }

    /** Fixed phrases only: a message built from the offending character could echo part of the token. */
    private static String describe(char c) {
        if (c == '\r' || c == '\n') {
            return "contains a line break";
        }
        if (c == ' ' || c == '\t' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return "contains whitespace";
        }
        if (c < 0x20 || c == 0x7F) {
            return "contains control characters";
        }
        return "contains characters outside printable ASCII";
    }

    /** Decodes into {@code out}; returns the number of chars, or -1 when the bytes are not valid UTF-8. */
    private static int decodeStrictUtf8(byte[] bytes, char[] out) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer target = CharBuffer.wrap(out);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), target, true);
        if (result.isError() || result.isOverflow()) {
            return -1;
        }
        result = decoder.flush(target);
        if (result.isError() || result.isOverflow()) {
            return -1;
        }
        return target.position();
    }

    private static boolean isWhitespace(char c) {
        return Character.isWhitespace(c); // what String.strip() removes
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean startsWithIgnoreCase(char[] chars, int start, int end, char[] lowerPrefix) {
        if (end - start < lowerPrefix.length) {
            return false;
        }
        for (int i = 0; i < lowerPrefix.length; i++) {
            char c = chars[start + i];
            if (c >= 0x80 || Character.toLowerCase(c) != lowerPrefix[i]) {
                return false;
            }
        }
        return true;
    }
}
