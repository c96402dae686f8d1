package io.hublink.schemas;

import java.util.Optional;

/**
 * A record value that cannot be turned into an event. Checked, because every consumer must route such a record
 * somewhere (the DLQ) instead of crash-looping on it.
 *
 * <p>Messages name what was wrong and, where known, the writer schema, but never quote the payload; the Avro
 * exception behind a {@link Kind#CORRUPT_BODY} is not kept as the cause, since Avro's messages may quote decoded
 * values.
 */
public final class UndecodableEventException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the value could not be decoded; also the error name for DLQ headers. */
    public enum Kind {
        /** Null, shorter than the 10-byte header, or without the {@code C3 01} marker. */
        NOT_AVRO,
        /**
         * The writer schema's fingerprint is not a released schema this reader knows (a newer producer: upgrade
         * consumers first, then re-drive), or it names a schema other than the one the caller expects.
         */
        UNKNOWN_FINGERPRINT,
        /** The writer schema is known but the body does not parse under it, or bytes follow the record. */
        CORRUPT_BODY
    }

    private final Kind kind;
    private final String fingerprintHex;

    UndecodableEventException(Kind kind, String fingerprintHex, String message) {
        super(message);
        this.kind = kind;
        this.fingerprintHex = fingerprintHex;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The writer schema fingerprint from the header, formatted like {@link ReleasedSchema#fingerprintHex()}; empty
     * for {@link Kind#NOT_AVRO}.
     */
    public Optional<String> fingerprintHex() {
        return Optional.ofNullable(fingerprintHex);
    }
}
