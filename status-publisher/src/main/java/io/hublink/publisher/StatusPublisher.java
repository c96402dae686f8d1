package io.hublink.publisher;

import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.IntakeGate;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.KafkaReachability;
import io.hublink.pipeline.PipelineListener;
import io.hublink.pipeline.PipelineSettings;
import io.hublink.pipeline.TopicCreator;
import io.hublink.pipeline.TransactionalPipeline;
import io.hublink.publisher.notify.NotificationRenderer;
import io.hublink.publisher.notify.NotificationTemplates;
import io.hublink.schemas.EventCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** The status publisher: consumes outcomes ({@code read_committed}) and produces exactly one notification each. */
public final class StatusPublisher implements AutoCloseable {

    public static final String GROUP_ID = "hublink-publisher";

    private final TransactionalPipeline pipeline;

    private StatusPublisher(TransactionalPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static StatusPublisher start(PublisherSettings settings, PipelineListener listener) {
        return start(settings, listener, NotificationObserver.NONE);
    }

    /** Starts the publisher; {@code observer} sees each notification as it is decided (metrics, the ops page). */
    public static StatusPublisher start(PublisherSettings settings, PipelineListener listener,
                                        NotificationObserver observer) {
        KafkaReachability.check(settings.connection(), Duration.ofSeconds(15));
        TopicCreator.ensure(settings.connection(), settings.topics());
        PipelineSettings pipelineSettings = PipelineSettings.of(settings.connection(), GROUP_ID,
                        settings.topics().outcomes(), settings.topics().dlq(), "hublink-publisher-" + settings.instanceId())
                .withTransactionTimeout(settings.transactionTimeout());
        OutcomeProcessor processor = new OutcomeProcessor(settings.codec(), settings.topics(),
                new NotificationRenderer(settings.templates()), observer);
        return new StatusPublisher(TransactionalPipeline.start(pipelineSettings, processor, IntakeGate.ALWAYS_OPEN, listener));
    }

    /** The outcome consumer's own metrics (assignment, lag), for the ops port. */
    public Map<MetricName, ? extends Metric> consumerMetrics() {
        return pipeline.consumerMetrics();
    }

    public CompletableFuture<Void> termination() {
        return pipeline.termination();
    }

    @Override
    public void close() {
        pipeline.close();
    }

    /**
     * What the publisher needs.
     *
     * @param templates per-tenant overrides of the wording ({@code --templates FILE}); none by default
     */
    public record PublisherSettings(KafkaConnection connection, HublinkTopics topics, String instanceId,
                                    EventCodec codec, Duration transactionTimeout, NotificationTemplates templates) {

        public PublisherSettings {
            if (instanceId == null || instanceId.isBlank()) {
                throw new IllegalArgumentException("instance-id: missing");
            }
            java.util.Objects.requireNonNull(templates, "templates");
        }

        public static PublisherSettings of(KafkaConnection connection, String instanceId) {
            return new PublisherSettings(connection, HublinkTopics.ofDefaults(), instanceId, EventCodec.ofDefaults(),
                    Duration.ofSeconds(30), NotificationTemplates.none());
        }

        public PublisherSettings withTemplates(NotificationTemplates value) {
            return new PublisherSettings(connection, topics, instanceId, codec, transactionTimeout, value);
        }

        public PublisherSettings withTransactionTimeout(Duration value) {
            return new PublisherSettings(connection, topics, instanceId, codec, value, templates);
        }
    }
}
