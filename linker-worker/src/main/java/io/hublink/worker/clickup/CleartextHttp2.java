package io.hublink.worker.clickup;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http2.H2ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a cleartext ({@code http://}) ClickUp speaks HTTP/2 by prior knowledge (h2c). Cleartext has no ALPN to
 * ask, so the transport tries h2c first and falls back to HTTP/1.1 for good at the first sign that the server does
 * not speak it: the connection closed before the request ran, or a protocol error. Once an h2c call has been
 * answered, such failures are ordinary failures again (a restarting server also closes connections).
 */
final class CleartextHttp2 {

    private static final Logger LOG = LoggerFactory.getLogger(CleartextHttp2.class);

    enum State {
        /** No h2c answer yet: a refusal switches to HTTP/1.1. */
        TRYING,
        /** An h2c call was answered. */
        SPOKEN,
        /** The server does not speak h2c: HTTP/1.1 from now on. */
        REFUSED
    }

    private final boolean fallback;
    private final AtomicReference<State> state = new AtomicReference<>(State.TRYING);

    private CleartextHttp2(boolean fallback) {
        this.fallback = fallback;
    }

    /** h2c first, HTTP/1.1 if the server does not speak it. */
    static CleartextHttp2 withFallback() {
        return new CleartextHttp2(true);
    }

    /** h2c only: a server that does not speak it fails the calls. */
    static CleartextHttp2 only() {
        return new CleartextHttp2(false);
    }

    boolean useHttp2() {
        return state.get() != State.REFUSED;
    }

    State state() {
        return state.get();
    }

    /** An h2c call got an answer. */
    void answered() {
        state.compareAndSet(State.TRYING, State.SPOKEN);
    }

    /**
     * Whether this failure of an h2c call means the server does not speak h2c, so the call should be made again over
     * HTTP/1.1 (it never ran: a GET either way). Switches to HTTP/1.1 the first time.
     */
    boolean refusedBy(Throwable failure) {
        if (!fallback || state.get() == State.SPOKEN || !isRefusal(failure)) {
            return false;
        }
        if (state.compareAndSet(State.TRYING, State.REFUSED)) {
            LOG.info("ClickUp does not speak HTTP/2 over cleartext (h2c); using HTTP/1.1");
        }
        return state.get() == State.REFUSED;
    }

    private static boolean isRefusal(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RequestNotExecutedException || t instanceof ConnectionClosedException
                || t instanceof ProtocolException || t instanceof H2ConnectionException;
    }
}
