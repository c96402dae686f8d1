package io.hublink.testkit.clickup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Which fault, if any, applies to a call now: faults injected from test code first (in injection order, until
 * cleared), then the scenario's windows, counted from the simulator's start by its clock (first listed wins).
 * Thread-safe.
 */
final class FaultSchedule {

    /** A fault that applied to a call, and how to tell later whether it still applies (for held calls). */
    record ActiveFault(Fault fault, Predicate<Instant> stillActiveAt) {
    }

    /** Identity matters: the same fault injected twice is two injections, each cleared on its own. */
    private static final class Injection {
        final Fault fault;

        Injection(Fault fault) {
            this.fault = fault;
        }
    }

    private final Clock clock;
    private final Instant start;
    private final List<FaultWindow> windows;
    private final List<Injection> injected = new CopyOnWriteArrayList<>();

    FaultSchedule(List<FaultWindow> windows, Clock clock) {
        this.clock = clock;
        this.start = clock.instant();
        this.windows = List.copyOf(windows);
    }

    Optional<ActiveFault> activeNow() {
        Instant now = clock.instant();
        Optional<Injection> first = injected.stream().findFirst();
        if (first.isPresent()) {
            Injection injection = first.get();
            return Optional.of(new ActiveFault(injection.fault, at -> injected.contains(injection)));
        }
        Duration sinceStart = Duration.between(start, now);
        for (FaultWindow window : windows) {
            if (window.covers(sinceStart)) {
                return Optional.of(new ActiveFault(window.fault(), at -> window.covers(Duration.between(start, at))));
            }
        }
        return Optional.empty();
    }

    Instant now() {
        return clock.instant();
    }

    void inject(Fault fault) {
        injected.add(new Injection(fault));
    }

    void clearInjected() {
        injected.clear();
    }
}
