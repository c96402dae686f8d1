package io.hublink.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The worker's heap over a measured phase, sampled every 10 ms: the peak of the heap in use (live objects and
 * garbage not yet collected, as the collector chose to let it grow) and the peak of what the last collection left
 * (the live set, what the worker needs). Per-pool peaks are not summed: the young and old generations peak at
 * different times, so their sum overstates the heap ever in use at once.
 */
final class HeapSampler implements AutoCloseable {

    private static final long PERIOD_MS = 10;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hublink-bench-heap");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long peakUsedBytes;
    private volatile long peakAfterCollectionBytes;

    HeapSampler() {
        timer.scheduleAtFixedRate(this::sample, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts the peaks afresh (when the warm-up is past). */
    synchronized void reset() {
        peakUsedBytes = 0;
        peakAfterCollectionBytes = 0;
    }

    double peakUsedMb() {
        return peakUsedBytes / (1024.0 * 1024.0);
    }

    double peakAfterCollectionMb() {
        return peakAfterCollectionBytes / (1024.0 * 1024.0);
    }

    private synchronized void sample() {
        peakUsedBytes = Math.max(peakUsedBytes, memory.getHeapMemoryUsage().getUsed());
        long afterCollection = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage usage = pool.getCollectionUsage();
            afterCollection += usage == null ? 0 : usage.getUsed();
        }
        peakAfterCollectionBytes = Math.max(peakAfterCollectionBytes, afterCollection);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
