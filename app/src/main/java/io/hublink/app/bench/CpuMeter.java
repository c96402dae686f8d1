package io.hublink.app.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU time per record over a measured phase, of this JVM (the worker, or a ceiling's client) and of the bench's
 * broker and simulator JVM: on a two-core machine the two share the cores, so this is where the time goes.
 */
final class CpuMeter {

    private final ProcessHandle infra;
    private long ownStartNs;
    private long infraStartNs;
    private volatile String perRecord = "not measured";

    CpuMeter(ProcessHandle infra) {
        this.infra = infra;
    }

    void start() {
        ownStartNs = ownCpuNanos();
        infraStartNs = infraCpuNanos();
    }

    void stop(long records) {
        long counted = Math.max(1, records);
        double own = (ownCpuNanos() - ownStartNs) / 1e3 / counted;
        double other = (infraCpuNanos() - infraStartNs) / 1e3 / counted;
        perRecord = String.format(Locale.ROOT, "%.1f µs this JVM, %.1f µs broker+simulator JVM", own, other);
    }

    @Override
    public String toString() {
        return perRecord;
    }

    private static long ownCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private long infraCpuNanos() {
        return infra.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
