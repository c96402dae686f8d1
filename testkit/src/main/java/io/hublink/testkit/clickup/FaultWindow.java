package io.hublink.testkit.clickup;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault active from {@code from} until {@code to} after the simulator started (from inclusive, to exclusive).
 */
public record FaultWindow(Duration from, Duration to, Fault fault) {

    public FaultWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(fault, "fault");
        if (from.isNegative()) {
            throw new IllegalArgumentException("fromSec must not be negative");
        }
        if (to.compareTo(from) <= 0) {
            throw new IllegalArgumentException("toSec must be after fromSec");
        }
    }

    public static FaultWindow of(Duration from, Duration to, Fault fault) {
        return new FaultWindow(from, to, fault);
    }

    boolean covers(Duration sinceStart) {
        return sinceStart.compareTo(from) >= 0 && sinceStart.compareTo(to) < 0;
    }
}
