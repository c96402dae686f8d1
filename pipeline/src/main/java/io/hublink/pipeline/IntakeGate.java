package io.hublink.pipeline;

/**
 * Says whether the pipeline may take in new records. While closed, every assigned partition is paused (and a partition
 * assigned meanwhile starts paused); the consumer keeps polling, so it stays in its group. The worker closes it while
 * its ClickUp circuit breaker is open.
 */
@FunctionalInterface
public interface IntakeGate {

    IntakeGate ALWAYS_OPEN = () -> true;

    boolean isOpen();

    /** Why intake is closed, for the {@link PipelineListener#paused} report, e.g. "ClickUp circuit breaker OPEN". */
    default String whyClosed() {
        return "intake gate closed";
    }
}
