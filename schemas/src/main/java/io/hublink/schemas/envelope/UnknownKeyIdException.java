package io.hublink.schemas.envelope;

/**
 * The envelope was sealed under a key this keyring does not hold: an operator problem (the key is not deployed here
 * yet), not a fault of the request. Such records go to the DLQ and are re-driven once the key is deployed.
 */
public final class UnknownKeyIdException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String keyId;

    UnknownKeyIdException(String keyId) {
        super("token envelope is sealed under key id " + KeyIds.printable(keyId)
                + ", which this keyring does not hold (deploy it with 'keys add', then re-drive)");
        this.keyId = keyId;
    }

    /** The key id as the envelope names it; not secret, safe to log. */
    public String keyId() {
        return keyId;
    }
}
