package io.hublink.worker.clickup;

/**
 * ClickUp answered, but with trouble (5xx, an unexpected status, an unreadable body): handed to the circuit breaker
 * as the failure it records. The message is the answer's safe description (status only); no stack trace, since
 * it is a value passed along, not a fault raised.
 */
public final class ProviderTroubleException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProviderTroubleException(String safeDescription) {
        super(safeDescription, null, false, false);
    }
}
