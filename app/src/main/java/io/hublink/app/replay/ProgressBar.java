package io.hublink.app.replay;

import java.io.PrintStream;
import java.time.Duration;

/** A one-line progress bar on standard error, redrawn in place: counts, a bar, and the time left. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream err;
    private final int total;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;

    ProgressBar(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    void update(int done, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = now;
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        double elapsed = (now - startNanos) / 1e9;
        String left = done == 0 ? "?" : format(Duration.ofMillis((long) (elapsed / done * (total - done) * 1000)));
        err.print("\rreplay [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + " published, about " + left + " left ");
        err.flush();
    }

    void finish() {
        err.println();
        err.flush();
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
}
