package io.hublink.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates hublink's topics that do not exist yet. The accounts topic is compacted: it holds the latest linked
 * credential per account, forever.
 */
public final class TopicCreator {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicCreator() {
    }

    /**
     * Waits until every partition of the topics has a leader that serves requests. Metadata names a leader a moment
     * before its replica manager takes the partition; a producer that writes in that moment meets
     * NOT_LEADER_OR_FOLLOWER and, with idempotence on, can end in an out-of-order-sequence error.
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .forEach((name, description) -> description.partitions().forEach(
                                p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > end) {
                    throw new TimeoutException("topics " + topics + " have no serving leader after " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }

    public static void ensure(KafkaConnection connection, HublinkTopics topics) {
        try (Admin admin = Admin.create(connection.properties(Map.of("client.id", "hublink-admin")))) {
            ensure(admin, topics);
        }
    }

    public static void ensure(Admin admin, HublinkTopics topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : List.of(topics.requests(), topics.outcomes(), topics.notifications(), topics.dlq())) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.of(topics.partitions()), Optional.empty()));
                }
            }
            if (!existing.contains(topics.accounts())) {
                missing.add(new NewTopic(topics.accounts(), Optional.of(topics.partitions()), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another instance created them at the same moment: what we wanted.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitLeaders(admin, missing.stream().map(NewTopic::name).collect(Collectors.toList()), TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaUnavailableException("could not create hublink's topics: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        }
    }
}
