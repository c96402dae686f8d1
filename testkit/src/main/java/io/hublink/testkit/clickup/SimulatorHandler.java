package io.hublink.testkit.clickup;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves every call without holding a thread while it waits: latency is a task on a timer, a hang is a parked
 * callback. Order per call: count it; apply an active fault (drop, hang, or a status answer instead of the API's);
 * else ask the {@link ClickUpApi}; add the fault's headers; answer after the latency plus the fault's extra latency.
 * Header values (the token) are never logged.
 */
final class SimulatorHandler extends Handler.Abstract.NonBlocking {

    private final ClickUpApi api;
    private final CallCounters counters;
    private final FaultSchedule faults;
    private final HeldCalls held;
    private final ScheduledExecutorService timer;
    private final Executor executor;
    private final AtomicReference<Duration> latency;

    SimulatorHandler(ClickUpApi api, CallCounters counters, FaultSchedule faults, HeldCalls held,
                     ScheduledExecutorService timer, Executor executor, AtomicReference<Duration> latency) {
        this.api = api;
        this.counters = counters;
        this.faults = faults;
        this.held = held;
        this.timer = timer;
        this.executor = executor;
        this.latency = latency;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String authorization = authorization(request);
        counters.record(authorization);

        Optional<FaultSchedule.ActiveFault> active = faults.activeNow();
        Fault fault = active.map(FaultSchedule.ActiveFault::fault).orElse(null);
        if (fault != null && fault.drop()) {
            Connections.reset(request, callback);
            return true;
        }
        if (fault != null && fault.hang()) {
            held.hold(request, callback, active.get());
            return true;
        }

        Reply reply = fault != null && fault.status().isPresent()
                ? faultReply(fault)
                : api.answer(request.getMethod(), request.getHttpURI().getPath(), authorization);
        Duration delay = latency.get();
        if (fault != null) {
            reply = reply.withHeaders(fault.headers());
            delay = delay.plus(fault.extraLatency());
        }
        answer(response, reply, callback, delay);
        return true;
    }

    /** The Authorization value, empty when missing or blank (Jetty has already trimmed surrounding spaces). */
    private static String authorization(Request request) {
        String value = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return value == null ? "" : value.strip();
    }

    private static Reply faultReply(Fault fault) {
        int status = fault.status().getAsInt();
        return fault.body()
                .map(body -> Reply.verbatim(status, body))
                .orElseGet(() -> Reply.json(status, ClickUpBodies.error(HttpStatus.getMessage(status), "SIM_" + status)));
    }

    private void answer(Response response, Reply reply, Callback callback, Duration delay) {
        if (delay.isZero()) {
            write(response, reply, callback);
        } else {
            // The timer only hands the write to Jetty's pool, so one timer thread serves any number of waiting calls.
            timer.schedule(() -> executor.execute(() -> write(response, reply, callback)),
                    delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void write(Response response, Reply reply, Callback callback) {
        try {
            response.setStatus(reply.status());
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
            reply.headers().forEach(headers::put);
            headers.put(HttpHeader.CONTENT_LENGTH, Long.toString(reply.body().length));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        } catch (RuntimeException e) {
            // The client may have gone while the answer waited; Jetty then refuses the write.
            callback.failed(e);
        }
    }
}
