package io.hublink.testkit.clickup;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Calls a hang fault holds unanswered. No thread waits for them: each is just its request and callback, parked here
 * until {@link #releaseEnded} sees its fault gone (cleared, or its window over), and then its connection is closed.
 * Thread-safe.
 */
final class HeldCalls {

    private static final class Held {
        final Request request;
        final Callback callback;
        final FaultSchedule.ActiveFault fault;

        Held(Request request, Callback callback, FaultSchedule.ActiveFault fault) {
            this.request = request;
            this.callback = callback;
            this.fault = fault;
        }
    }

    private final Set<Held> held = ConcurrentHashMap.newKeySet();

    void hold(Request request, Callback callback, FaultSchedule.ActiveFault fault) {
        held.add(new Held(request, callback, fault));
    }

    /** Closes the connections of calls whose fault no longer applies at {@code now}. */
    void releaseEnded(Instant now) {
        for (Held call : held) {
            if (!call.fault.stillActiveAt().test(now) && held.remove(call)) {
                Connections.close(call.request, call.callback);
            }
        }
    }

    void releaseAll() {
        for (Held call : held) {
            if (held.remove(call)) {
                Connections.close(call.request, call.callback);
            }
        }
    }

    int size() {
        return held.size();
    }
}
