package io.hublink.app.demo;

import io.hublink.pipeline.PipelineListener;
import io.hublink.worker.clickup.BreakerStateChange;
import java.io.PrintStream;

/**
 * Prints, for a person watching the demo, what the worker does about ClickUp trouble: each circuit breaker state
 * change with its reason, and each pause and resume of its intake. Called from the worker's threads; each line is
 * one {@code println}, so lines never interleave.
 */
final class DemoProgress implements PipelineListener {

    private final PrintStream out;
    /** Set once the summary is due: it must stay the last line, whatever the worker does while it stops. */
    private volatile boolean silent;

    DemoProgress(PrintStream out) {
        this.out = out;
    }

    void silence() {
        silent = true;
    }

    void breakerChanged(BreakerStateChange change) {
        if (!silent) {
            out.println("circuit breaker " + change);
        }
    }

    @Override
    public void paused(boolean paused, String why) {
        if (silent) {
            return;
        }
        out.println(paused
                ? "intake paused: " + why + " (partitions paused; the worker keeps polling, so it stays in its group)"
                : "intake resumed");
    }
}
