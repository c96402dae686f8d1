package io.hublink.testkit.clickup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the simulator does to a call while a fault is active. Build one with the factories:
 * {@code Fault.ofStatus(503)}, {@code Fault.ofStatus(502).withBody("<html>Bad gateway</html>")},
 * {@code Fault.ofStatus(429).withHeader("Retry-After", "2")}, {@code Fault.ofHang()}, {@code Fault.ofDrop()},
 * {@code Fault.ofExtraLatency(Duration.ofSeconds(3))}.
 *
 * @param status answer this status instead of the API's answer; the body is
 *     {@code {"err":"<reason phrase>","ECODE":"SIM_<status>"}} unless {@code body} replaces it
 * @param headers headers added to the answer (a fault's own answer, or the API's)
 * @param body the exact body to send with {@code status} (HTML, plain text, anything)
 * @param hang hold the call unanswered while the fault lasts, then close the connection
 * @param drop reset the connection at once, answering nothing
 * @param extraLatency delay added to the scenario's latency
 */
public record Fault(OptionalInt status, Map<String, String> headers, Optional<String> body, boolean hang, boolean drop,
                    Duration extraLatency) {

    public Fault {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(extraLatency, "extraLatency");
        headers = Map.copyOf(headers);
        if (status.isPresent() && (status.getAsInt() < 200 || status.getAsInt() > 599)) {
            throw new IllegalArgumentException("status must be between 200 and 599");
        }
        int kinds = (status.isPresent() ? 1 : 0) + (hang ? 1 : 0) + (drop ? 1 : 0);
        if (kinds > 1) {
            throw new IllegalArgumentException("status, hang and drop exclude each other: give one");
        }
        if (body.isPresent() && status.isEmpty()) {
            throw new IllegalArgumentException("body needs a status");
        }
        if (extraLatency.isNegative()) {
            throw new IllegalArgumentException("extraLatencyMs must not be negative");
        }
        if (kinds == 0 && headers.isEmpty() && extraLatency.isZero()) {
            throw new IllegalArgumentException("does nothing: give a status, hang, drop, headers or extraLatencyMs");
        }
    }

    /** Answer this status with the simulator's JSON error body. */
    public static Fault ofStatus(int status) {
        return new Fault(OptionalInt.of(status), Map.of(), Optional.empty(), false, false, Duration.ZERO);
    }

    /** Hold every call unanswered while the fault lasts, then close its connection. */
    public static Fault ofHang() {
        return new Fault(OptionalInt.empty(), Map.of(), Optional.empty(), true, false, Duration.ZERO);
    }

    /** Reset every call's connection at once. */
    public static Fault ofDrop() {
        return new Fault(OptionalInt.empty(), Map.of(), Optional.empty(), false, true, Duration.ZERO);
    }

    /** Answer normally, but this much later. */
    public static Fault ofExtraLatency(Duration extraLatency) {
        return new Fault(OptionalInt.empty(), Map.of(), Optional.empty(), false, false, extraLatency);
    }

    public Fault withBody(String body) {
        return new Fault(status, headers, Optional.of(body), hang, drop, extraLatency);
    }

    public Fault withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Fault(status, more, body, hang, drop, extraLatency);
    }

    public Fault withExtraLatency(Duration extraLatency) {
        return new Fault(status, headers, body, hang, drop, extraLatency);
    }
}
