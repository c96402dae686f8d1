package io.hublink.worker;

import io.hublink.pipeline.PipelineListener;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;

/** Records what a worker's pipeline reports (pauses, assignments, revocations) for assertions. Thread-safe. */
final class RecordingListener implements PipelineListener {

    record Assignment(Set<TopicPartition> partitions, boolean startPaused) {
    }

    private final List<Boolean> pauses = new CopyOnWriteArrayList<>();
    private final List<Assignment> assignments = new CopyOnWriteArrayList<>();
    private final List<Set<TopicPartition>> revocations = new CopyOnWriteArrayList<>();

    @Override
    public void paused(boolean paused, String why) {
        pauses.add(paused);
    }

    @Override
    public void partitionsAssigned(Collection<TopicPartition> partitions, boolean startPaused) {
        assignments.add(new Assignment(Set.copyOf(partitions), startPaused));
    }

    @Override
    public void partitionsRevoked(Collection<TopicPartition> partitions) {
        revocations.add(Set.copyOf(partitions));
    }

    /** Intake is paused now (as far as the pipeline has reported). */
    boolean isPaused() {
        return !pauses.isEmpty() && pauses.get(pauses.size() - 1);
    }

    /** Intake was paused, and later resumed. */
    boolean resumedAfterPause() {
        int paused = pauses.indexOf(true);
        return paused >= 0 && pauses.subList(paused, pauses.size()).contains(false);
    }

    List<Assignment> assignments() {
        return List.copyOf(assignments);
    }

    List<Set<TopicPartition>> revocations() {
        return List.copyOf(revocations);
    }
}
