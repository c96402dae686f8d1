package io.hublink.worker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.KafkaReachability;
import io.hublink.pipeline.PipelineListener;
import io.hublink.pipeline.PipelineSettings;
import io.hublink.pipeline.RecordProcessor;
import io.hublink.pipeline.TopicCreator;
import io.hublink.pipeline.TransactionalPipeline;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.worker.clickup.BreakerStateChange;
import io.hublink.worker.clickup.ClickUpCredentialValidator;
import io.hublink.worker.clickup.ClickUpHttpConfig;
import io.hublink.worker.clickup.ClickUpTimeouts;
import io.hublink.worker.clickup.HttpClickUpTransport;
import io.hublink.worker.clickup.Scheduling;
import io.hublink.worker.clickup.ValidatorSettings;
import io.hublink.worker.linking.LinkRequestProcessor;
import io.hublink.worker.metrics.WorkerMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The linker worker: consumes link requests, asks ClickUp behind one circuit breaker, and produces each outcome
 * exactly once. Unless the breaker is CLOSED, intake pauses (the consumer keeps polling, so it stays in its group);
 * on HALF_OPEN the {@link BreakerGate} probes ClickUp, and intake resumes once the breaker closes.
 */
public final class LinkerWorker implements AutoCloseable {

    public static final String GROUP_ID = "hublink-worker";

    private final HttpClickUpTransport transport;
    private final ScheduledExecutorService scheduler;
    private final ClickUpCredentialValidator validator;
    private final TransactionalPipeline pipeline;

    private LinkerWorker(HttpClickUpTransport transport, ScheduledExecutorService scheduler,
                         ClickUpCredentialValidator validator, TransactionalPipeline pipeline) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.validator = validator;
        this.pipeline = pipeline;
    }

    public static LinkerWorker start(WorkerSettings settings, PipelineListener listener) {
        return start(settings, listener, WorkerMetrics.none());
    }

    /** Starts the worker; {@code metrics} sees its outcomes, ClickUp calls, breaker and validations in flight. */
    public static LinkerWorker start(WorkerSettings settings, PipelineListener listener, WorkerMetrics metrics) {
        KafkaReachability.check(settings.connection(), Duration.ofSeconds(15));
        TopicCreator.ensure(settings.connection(), settings.topics());
        Clock clock = settings.clock();
        HttpClickUpTransport transport = new HttpClickUpTransport(ClickUpHttpConfig.ofDefaults(settings.clickupUrl())
                .withMaxInFlight(settings.maxInFlight())
                .withTimeouts(settings.timeouts()));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hublink-clickup-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true); // cancelled waits (a deadline cut not needed) must not pile up
        ClickUpCredentialValidator validator = new ClickUpCredentialValidator(metrics.timed(transport),
                settings.validator(), Scheduling.of(clock, scheduler));
        metrics.watch(validator.circuitBreaker());
        RecordProcessor processor = metrics.counted(new LinkRequestProcessor(settings.codec(), settings::keyring,
                metrics.counted(validator), settings.topics(), settings.defaultDeadline(), clock),
                settings.topics(), settings.codec());
        PipelineSettings pipelineSettings = PipelineSettings.of(settings.connection(), GROUP_ID,
                        settings.topics().requests(), settings.topics().dlq(), "hublink-worker-" + settings.instanceId())
                .withMaxInFlight(settings.maxInFlight())
                .withTransactionTimeout(settings.transactionTimeout());
        BreakerGate gate = BreakerGate.following(validator.circuitBreaker(), validator::probe, scheduler,
                settings.validator().breakerRecheck());
        TransactionalPipeline pipeline = TransactionalPipeline.start(pipelineSettings, processor, gate, listener);
        return new LinkerWorker(transport, scheduler, validator, pipeline);
    }

    public CircuitBreaker circuitBreaker() {
        return validator.circuitBreaker();
    }

    /** See {@link ClickUpCredentialValidator#onBreakerStateChange}: each change once, with its reason. */
    public void onBreakerStateChange(Consumer<BreakerStateChange> watcher) {
        validator.onBreakerStateChange(watcher);
    }

    /**
     * ClickUp exchanges HttpClient is still running, over HTTP/2 or HTTP/1.1 (for tests that check a cut call leaves
     * nothing behind).
     */
    public int clickUpExchangesInProgress() {
        return transport.exchangesInProgress();
    }

    /** The request consumer's own metrics (assignment, lag), for the ops port. */
    public Map<MetricName, ? extends Metric> consumerMetrics() {
        return pipeline.consumerMetrics();
    }

    public CompletableFuture<Void> termination() {
        return pipeline.termination();
    }

    @Override
    public void close() {
        pipeline.close();
        transport.close();
        scheduler.shutdownNow();
    }

    /**
     * What the worker needs; {@link #of} gives the production defaults.
     *
     * @param defaultDeadline after {@code requestedAt}, for requests that carry no deadline of their own
     * @param timeouts        of each ClickUp call
     * @param clock           what the validation's deadlines, waits and breaker read; tests move it
     */
    public record WorkerSettings(KafkaConnection connection, HublinkTopics topics, URI clickupUrl, Keyring keyring,
                                 String instanceId, int maxInFlight, Duration defaultDeadline,
                                 Duration transactionTimeout, ValidatorSettings validator, EventCodec codec,
                                 ClickUpTimeouts timeouts, Clock clock) {

        public static final URI CLICKUP = URI.create("https://api.clickup.com");

        public WorkerSettings {
            if (instanceId == null || instanceId.isBlank()) {
                throw new IllegalArgumentException("instance-id: missing");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("max-in-flight: must be at least 1, was " + maxInFlight);
            }
            if (defaultDeadline == null || defaultDeadline.isNegative() || defaultDeadline.isZero()) {
                throw new IllegalArgumentException("default-deadline: must be positive, was " + defaultDeadline);
            }
            Objects.requireNonNull(validator, "validator");
            Objects.requireNonNull(timeouts, "timeouts");
            Objects.requireNonNull(clock, "clock");
        }

        public static WorkerSettings of(KafkaConnection connection, URI clickupUrl, Keyring keyring, String instanceId) {
            return new WorkerSettings(connection, HublinkTopics.ofDefaults(), clickupUrl, keyring, instanceId, 1024,
                    Duration.ofMinutes(15), Duration.ofSeconds(30), ValidatorSettings.ofDefaults(),
                    EventCodec.ofDefaults(), ClickUpTimeouts.ofDefaults(), Clock.systemUTC());
        }

        public WorkerSettings withTopics(HublinkTopics value) {
            return new WorkerSettings(connection, value, clickupUrl, keyring, instanceId, maxInFlight, defaultDeadline,
                    transactionTimeout, validator, codec, timeouts, clock);
        }

        public WorkerSettings withValidator(ValidatorSettings value) {
            return new WorkerSettings(connection, topics, clickupUrl, keyring, instanceId, maxInFlight, defaultDeadline,
                    transactionTimeout, value, codec, timeouts, clock);
        }

        public WorkerSettings withMaxInFlight(int value) {
            return new WorkerSettings(connection, topics, clickupUrl, keyring, instanceId, value, defaultDeadline,
                    transactionTimeout, validator, codec, timeouts, clock);
        }

        public WorkerSettings withDefaultDeadline(Duration value) {
            return new WorkerSettings(connection, topics, clickupUrl, keyring, instanceId, maxInFlight, value,
                    transactionTimeout, validator, codec, timeouts, clock);
        }

        public WorkerSettings withTimeouts(ClickUpTimeouts value) {
            return new WorkerSettings(connection, topics, clickupUrl, keyring, instanceId, maxInFlight, defaultDeadline,
                    transactionTimeout, validator, codec, value, clock);
        }

        public WorkerSettings withClock(Clock value) {
            return new WorkerSettings(connection, topics, clickupUrl, keyring, instanceId, maxInFlight, defaultDeadline,
                    transactionTimeout, validator, codec, timeouts, value);
        }

        public WorkerSettings withTransactionTimeout(Duration value) {
            return new WorkerSettings(connection, topics, clickupUrl, keyring, instanceId, maxInFlight, defaultDeadline,
                    value, validator, codec, timeouts, clock);
        }
    }
}
