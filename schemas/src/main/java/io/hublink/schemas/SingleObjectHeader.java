package io.hublink.schemas;

import io.hublink.schemas.UndecodableEventException.Kind;

/**
 * Avro single-object encoding's header: the marker {@code C3 01}, then the writer schema's CRC-64-AVRO fingerprint
 * in little-endian byte order (Avro specification, "Single-object encoding").
 */
final class SingleObjectHeader {

    static final int LENGTH = 10;

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private SingleObjectHeader() {
    }

    static byte[] of(long fingerprint) {
        byte[] header = new byte[LENGTH];
        header[0] = MARKER_0;
        header[1] = MARKER_1;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** The writer schema fingerprint of an encoded value. */
    static long fingerprintOf(byte[] bytes) throws UndecodableEventException {
        if (bytes == null) {
            throw notAvro("the value is null");
        }
        if (bytes.length < LENGTH) {
            throw notAvro("the value has " + bytes.length + " bytes, fewer than the 10-byte header");
        }
        if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw notAvro("the value does not start with the marker C3 01");
        }
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (bytes[2 + i] & 0xffL) << (8 * i);
        }
        return fingerprint;
    }

    private static UndecodableEventException notAvro(String why) {
        return new UndecodableEventException(Kind.NOT_AVRO, null, "not an Avro single-object encoded event: " + why);
    }
}
