package io.hublink.app.requests;

/** A request file line that cannot be published; the message is {@code line K: …} and never quotes a token. */
public final class RequestFileException extends Exception {

    public RequestFileException(String message) {
        super(message);
    }
}
