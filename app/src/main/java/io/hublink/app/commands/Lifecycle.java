package io.hublink.app.commands;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a long-lived role until it is stopped (SIGINT/SIGTERM, which the launcher passes straight to the JVM) or until
 * it ends by itself; closes its resources in reverse order either way.
 */
final class Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private Lifecycle() {
    }

    /** Blocks until a signal or until {@code termination} completes; returns the exit code. */
    static int runUntilStopped(CompletableFuture<Void> termination, AutoCloseable... resources) {
        Thread hook = new Thread(() -> closeAll(resources), "hublink-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            termination.get();
            return 0;
        } catch (ExecutionException e) {
            return 1; // the role logged why it stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                closeAll(resources);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already closing everything
            }
        }
    }

    static void closeAll(AutoCloseable... resources) {
        List<AutoCloseable> list = List.of(resources);
        for (int i = list.size() - 1; i >= 0; i--) {
            try {
                list.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.getClass().getSimpleName());
            }
        }
    }
}
