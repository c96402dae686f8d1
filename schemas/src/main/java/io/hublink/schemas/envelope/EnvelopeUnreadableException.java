package io.hublink.schemas.envelope;

/**
 * The envelope cannot be opened under a key this keyring holds. Its message is one fixed sentence per
 * {@link Reason}, never any of the envelope's bytes.
 */
public final class EnvelopeUnreadableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Reason {
        UNSUPPORTED_VERSION("token envelope unreadable: unsupported format version (expected 0x01)"),
        TRUNCATED("token envelope unreadable: truncated"),
        MALFORMED_KEY_ID("token envelope unreadable: malformed key id"),
        AUTHENTICATION_FAILED("token envelope unreadable: authentication failed (tampered, or bound to another "
                + "tenant, account or workspace input)");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    EnvelopeUnreadableException(Reason reason) {
        super(reason.message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
