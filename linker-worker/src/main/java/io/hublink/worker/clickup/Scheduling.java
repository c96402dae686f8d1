package io.hublink.worker.clickup;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Time for the validator: the clock it reads, the executor that runs its delayed steps (waits are scheduled, never
 * slept), and the random source of the jitter. Tests pass a manual clock and executor to drive time.
 * The executor belongs to the caller, who shuts it down.
 */
public record Scheduling(Clock clock, ScheduledExecutorService executor, DoubleSupplier random) {

    public Scheduling {
        Objects.requireNonNull(clock, "clock must be set");
        Objects.requireNonNull(executor, "executor must be set");
        Objects.requireNonNull(random, "random must be set");
    }

    public static Scheduling of(Clock clock, ScheduledExecutorService executor) {
        return new Scheduling(clock, executor, () -> ThreadLocalRandom.current().nextDouble());
    }
}
