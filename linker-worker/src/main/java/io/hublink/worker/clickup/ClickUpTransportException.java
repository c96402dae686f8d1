package io.hublink.worker.clickup;

import java.util.Objects;

/**
 * A ClickUp call that got no answer. The message is fixed per {@link Kind} plus the class name of what went wrong;
 * the original exception is not kept, because its message could quote a request header (the token).
 */
public final class ClickUpTransportException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer within the response timeout, the pool lease timeout or the whole-call deadline. */
        TIMEOUT("ClickUp did not answer in time"),
        /** No connection: refused, unreachable, unknown host, connect timeout. */
        CONNECT("could not connect to ClickUp"),
        /** The connection broke while asking (reset, closed early, TLS or protocol error). */
        IO("the connection to ClickUp failed"),
        /** The call was cancelled, e.g. because the client is closing. */
        CANCELLED("the ClickUp call was cancelled");

        private final String message;

        Kind(String message) {
            this.message = message;
        }
    }

    private final Kind kind;
    private final String causeType;

    public ClickUpTransportException(Kind kind, String causeType) {
        super(Objects.requireNonNull(kind, "kind").message + " (" + Objects.requireNonNull(causeType, "causeType")
                + ")");
        this.kind = kind;
        this.causeType = causeType;
    }

    public Kind kind() {
        return kind;
    }

    /** The simple class name of the underlying failure, e.g. {@code SocketTimeoutException}. */
    public String causeType() {
        return causeType;
    }
}
