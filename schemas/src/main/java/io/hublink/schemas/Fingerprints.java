package io.hublink.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/** The one definition of a schema's fingerprint and of how it is printed, shared by the catalog and the codec. */
final class Fingerprints {

    private Fingerprints() {
    }

    static long of(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
