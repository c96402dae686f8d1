package io.hublink.app.replay;

import io.hublink.events.LinkRequested;
import io.hublink.events.Purpose;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.schemas.EventCodec;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-validation: republishes each chosen account as a new {@code LinkRequested} with {@code purpose=REVALIDATE}, a new
 * request id, {@code requestedAt} = now and the stored envelope, at a bounded overall rate. (The worker's per-token
 * pacing keeps each token within ClickUp's own limit however many accounts share it.)
 */
public final class Replay {

    /** What to re-validate and how. {@code since} empty means every linked account. */
    public record Options(Optional<Instant> since, Optional<Instant> until, Optional<String> tenant, boolean dryRun,
                          double ratePerSecond, Optional<Duration> deadline) {

        public Options {
            if (!(ratePerSecond > 0)) {
                throw new IllegalArgumentException("rate: must be positive, was " + ratePerSecond);
            }
            if (until.isPresent() && since.isPresent() && !until.get().isAfter(since.get())) {
                throw new IllegalArgumentException("until: must be after --since");
            }
        }
    }

    /** The closing counts. */
    public record Summary(int accounts, int published, int skipped, boolean interrupted) {

        public String line() {
            return "replay: accounts=" + accounts + " published=" + published + " skipped=" + skipped;
        }
    }

    private final KafkaConnection connection;
    private final HublinkTopics topics;
    private final EventCodec codec;
    private final Clock clock;

    public Replay(KafkaConnection connection, HublinkTopics topics, EventCodec codec, Clock clock) {
        this.connection = connection;
        this.topics = topics;
        this.codec = codec;
        this.clock = clock;
    }

    public Summary run(Options options, PrintStream out, PrintStream err, AtomicBoolean stop) throws Exception {
        ReplaySources sources = new ReplaySources(connection, topics, codec);
        ReplaySources.Found found = options.since().isPresent()
                ? sources.requests(options.since().get(), options.until(), options.tenant())
                : sources.linked(options.tenant());
        List<ReplayCandidate> candidates = found.candidates();
        if (options.dryRun()) {
            for (ReplayCandidate c : candidates) {
                out.println("would revalidate tenant=" + c.tenantId() + " account=" + c.accountId()
                        + " workspace=" + c.workspaceInput().strip());
            }
            return new Summary(candidates.size(), 0, found.skipped(), false);
        }
        int published = 0;
        ProgressBar progress = new ProgressBar(err, candidates.size());
        long intervalNanos = (long) (1e9 / options.ratePerSecond());
        long next = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ReplayCandidate candidate : candidates) {
                if (stop.get()) {
                    break;
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
                producer.send(new ProducerRecord<>(topics.requests(),
                        candidate.accountId().getBytes(StandardCharsets.UTF_8), codec.encode(revalidation(candidate, options))));
                published++;
                progress.update(published, false);
            }
            producer.flush();
        }
        progress.update(published, true);
        progress.finish();
        boolean interrupted = published < candidates.size();
        if (interrupted) {
            err.println("replay: interrupted after " + published + " of " + candidates.size()
                    + " accounts; run it again to re-validate the rest");
        }
        return new Summary(candidates.size(), published, found.skipped(), interrupted);
    }

    private LinkRequested revalidation(ReplayCandidate candidate, Options options) {
        Instant now = clock.instant();
        return LinkRequested.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setTenantId(candidate.tenantId())
                .setAccountId(candidate.accountId())
                .setProvider("clickup")
                .setWorkspaceId(candidate.workspaceInput())
                .setToken(ByteBuffer.wrap(candidate.envelope()))
                .setPurpose(Purpose.REVALIDATE)
                .setRequestedAt(now)
                .setDeadline(options.deadline().map(now::plus).orElse(null))
                .build();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(connection.properties(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "hublink-replay",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())));
    }
}
