package io.hublink.schemas;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One released version of an event schema, as shipped in the jar.
 *
 * @param name        the schema's simple name, e.g. {@code LinkRequested}
 * @param version     1 for the first release, then 2, 3, …
 * @param schema      the parsed schema, self-contained (named types inlined)
 * @param fingerprint CRC-64-AVRO of the schema's parsing canonical form: the value single-object encoding carries
 */
public record ReleasedSchema(String name, int version, Schema schema, long fingerprint) {

    public ReleasedSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException(name + ": version must be 1 or more, was " + version);
        }
    }

    /**
     * The fingerprint as 16 lowercase hex digits of the 64-bit value (as Java's {@code Long.toHexString} would print
     * it, zero-padded). On the wire the same 8 bytes appear in little-endian order, i.e. reversed.
     */
    public String fingerprintHex() {
        return Fingerprints.hex(fingerprint);
    }

    @Override
    public String toString() {
        return name + " v" + version + " (" + fingerprintHex() + ")";
    }
}
