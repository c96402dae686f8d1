package io.hublink.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Dead-letter records: the original key and value (cut to {@link #MAX_VALUE_BYTES}) with headers that name the error
 * and the origin, so an operator can see what went wrong and {@code dlq redrive} can republish it once fixed. The
 * headers never hold a token: the detail is a fixed, safe description.
 */
public final class DeadLetters {

    public static final String ERROR = "hublink.error";
    public static final String ERROR_DETAIL = "hublink.error.detail";
    public static final String ORIGIN_TOPIC = "hublink.origin.topic";
    public static final String ORIGIN_PARTITION = "hublink.origin.partition";
    public static final String ORIGIN_OFFSET = "hublink.origin.offset";
    public static final String PAYLOAD_SHA256 = "hublink.payload.sha256";
    public static final String PAYLOAD_SIZE = "hublink.payload.size";
    public static final String PAYLOAD_TRUNCATED = "hublink.payload.truncated";

    /** Values above this are not read at all (and copied truncated to the DLQ). */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    /** The error kind of a processor's bug (an exceptional completion). */
    public static final String PROCESSING_ERROR = "PROCESSING_ERROR";
    /** The worker's error kind for an envelope sealed under a key id its keyring does not hold. */
    public static final String UNKNOWN_KEY_ID = "UNKNOWN_KEY_ID";
    /** The error kind for a value written with a schema the reader does not know (the codec's own name for it). */
    public static final String UNKNOWN_FINGERPRINT = "UNKNOWN_FINGERPRINT";

    private DeadLetters() {
    }

    public static OutboundRecord of(InboundRecord source, String dlqTopic, String errorKind, String safeDetail) {
        byte[] value = source.value() == null ? new byte[0] : source.value();
        boolean truncated = value.length > MAX_VALUE_BYTES;
        byte[] copy = truncated ? Arrays.copyOf(value, MAX_VALUE_BYTES) : value;
        Map<String, byte[]> headers = Map.of(
                ERROR, utf8(errorKind),
                ERROR_DETAIL, utf8(safeDetail),
                ORIGIN_TOPIC, utf8(source.topic()),
                ORIGIN_PARTITION, utf8(Integer.toString(source.partition())),
                ORIGIN_OFFSET, utf8(Long.toString(source.offset())),
                PAYLOAD_SHA256, utf8(sha256Hex(value)),
                PAYLOAD_SIZE, utf8(Integer.toString(value.length)),
                PAYLOAD_TRUNCATED, utf8(Boolean.toString(truncated)));
        return new OutboundRecord(dlqTopic, source.key(), copy, headers);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
