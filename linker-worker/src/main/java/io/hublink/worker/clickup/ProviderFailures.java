package io.hublink.worker.clickup;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * DESIGN's "failure" row, for the circuit breaker: no answer (timeout, connection error) or a troubled answer. A
 * failure wrapped in another exception (CompletionException, a library's own wrapper) is judged by its causes.
 * Anything else (a bug, a wiped token) is not ClickUp's fault and must not open the breaker.
 */
public final class ProviderFailures {

    private static final int MAX_CAUSES = 16;

    private ProviderFailures() {
    }

    public static boolean isProviderFailure(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++) {
            if (t instanceof ClickUpTransportException || t instanceof ProviderTroubleException
                    || t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }
}
