package io.hublink.app.bench;

import io.hublink.app.requests.RequestLine;
import io.hublink.app.requests.RequestPublisher;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.IntakeGate;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.PipelineListener;
import io.hublink.pipeline.PipelineSettings;
import io.hublink.pipeline.TopicCreator;
import io.hublink.pipeline.TransactionalPipeline;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.SecretToken;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.worker.LinkerWorker;
import io.hublink.worker.LinkerWorker.WorkerSettings;
import io.hublink.worker.clickup.ClickUpCredentialValidator;
import io.hublink.worker.clickup.ClickUpHttpConfig;
import io.hublink.worker.clickup.Scheduling;
import io.hublink.worker.clickup.ValidatorSettings;
import io.hublink.worker.clickup.CredentialValidator;
import io.hublink.worker.clickup.HttpClickUpTransport;
import io.hublink.worker.decision.Verdict;
import io.hublink.worker.decision.WorkspaceRef;
import io.hublink.worker.linking.LinkRequestProcessor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code hublink bench}: the worker's throughput against the simulator, with the Kafka-only and HTTP-only ceilings
 * measured in the same run. The broker and simulator live in a child JVM, so the heap figure is the worker's own.
 */
public final class Bench {

    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(15);
    /** Environment variable: JVM options for the bench's broker-and-simulator JVM. */
    static final String INFRA_JAVA_OPTS = "HUBLINK_BENCH_INFRA_JAVA_OPTS";

    /** What to run. {@code rate} 0 means everything is preloaded before the worker starts. */
    public record Options(int requests, int warmup, int latencyMs, int maxInFlight, double rate,
                          boolean sequential) {

        /** The sequential worker takes a fifth of a second a record at 100 ms: at most 300 measured requests. */
        public static final int SEQUENTIAL_CAP = 300;

        /** Each value checked once, here: a bad one fails with a line naming its flag. */
        public Options {
            requireAtLeast("--requests", requests, 1);
            requireAtLeast("--warmup", warmup, 0);
            requireAtLeast("--latency-ms", latencyMs, 0);
            requireAtLeast("--max-in-flight", maxInFlight, 1);
            if (!Double.isFinite(rate) || rate < 0) {
                throw new IllegalArgumentException("bench: --rate must be a number of requests a second, 0 or more "
                        + "(0: preload them all), was " + rate);
            }
        }

        private static void requireAtLeast(String flag, int value, int least) {
            if (value < least) {
                throw new IllegalArgumentException("bench: " + flag + " must be at least " + least + ", was " + value);
            }
        }

        /** The sequential mode's caps: 300 measured requests, a short warm-up, one validation in flight. */
        public Options effective() {
            return sequential ? new Options(Math.min(requests, SEQUENTIAL_CAP), Math.min(warmup, 30), latencyMs, 1,
                    rate, true) : this;
        }
    }

    /** The measured figures. */
    public record Result(int requests, int latencyMs, double throughput, double p50Ms, double p99Ms,
                         double kafkaCeiling, double httpCeiling, double ratio, double heapPeakMb, int outcomes) {

        public String line() {
            return "bench: requests=" + requests + " latency_ms=" + latencyMs
                    + " throughput=" + num(throughput) + "/s p50_ms=" + num(p50Ms) + " p99_ms=" + num(p99Ms)
                    + " kafka_ceiling=" + num(kafkaCeiling) + "/s http_ceiling=" + num(httpCeiling) + "/s"
                    + " ratio=" + num2(ratio) + " heap_peak_mb=" + num(heapPeakMb);
        }

        public String json() {
            return "{\"requests\":" + requests + ",\"latency_ms\":" + latencyMs + ",\"throughput\":" + num(throughput)
                    + ",\"p50_ms\":" + num(p50Ms) + ",\"p99_ms\":" + num(p99Ms)
                    + ",\"kafka_ceiling\":" + num(kafkaCeiling) + ",\"http_ceiling\":" + num(httpCeiling)
                    + ",\"ratio\":" + num2(ratio) + ",\"heap_peak_mb\":" + num(heapPeakMb)
                    + ",\"outcomes\":" + outcomes + "}";
        }

        private static String num(double v) {
            return String.format(Locale.ROOT, "%.1f", v);
        }

        private static String num2(double v) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
    }

    private final Options options;
    private final PrintStream progress;
    private final int total;

    public Bench(Options options, PrintStream progress) {
        this.options = options.effective();
        this.progress = progress;
        this.total = this.options.warmup() + this.options.requests();
    }

    public Result run() throws Exception {
        progress.println("bench: starting the broker and the simulator in a separate JVM ("
                + total + " accounts, " + options.latencyMs() + " ms latency)...");
        try (Infra infra = Infra.start(total, options.latencyMs())) {
            progress.println("bench: broker " + infra.bootstrap + " and simulator " + infra.clickup + " in pid "
                    + infra.process.pid());
            KafkaConnection connection = KafkaConnection.of(infra.bootstrap);
            HublinkTopics topics = HublinkTopics.ofDefaults();
            TopicCreator.ensure(connection, topics);
            Keyring keyring = Keyring.generate();
            EventCodec codec = EventCodec.ofDefaults();
            long[] sentAtMs = new long[total];
            try (RequestPublisher publisher = new RequestPublisher(connection, topics.requests(), keyring, codec,
                    Clock.systemUTC())) {
                int preload = options.rate() > 0 ? options.warmup() : total;
                publish(publisher, 0, preload, sentAtMs, "preloading");

                HeapSampler heap = new HeapSampler();
                Phase worker = new Phase("worker", options.warmup(), total, progress, heap, infra.cpuMeter());
                WorkerSettings settings = WorkerSettings.of(connection, URI.create(infra.clickup), keyring, "bench")
                        .withMaxInFlight(options.maxInFlight());
                try (AutoCloseable running = options.sequential() ? sequentialWorker(settings, worker)
                        : LinkerWorker.start(settings, worker)) {
                    if (preload < total) {
                        worker.awaitWarm();
                        paced(publisher, preload, total, sentAtMs);
                    }
                    worker.await();
                }
                heap.close();
                double heapPeakMb = heap.peakUsedMb();
                double throughput = worker.rate();
                progress.println("bench: worker " + fmt(throughput) + " validations/s; CPU per validation: "
                        + worker.cpu + "; heap peak " + fmt(heapPeakMb) + " MB in use, "
                        + fmt(heap.peakAfterCollectionMb()) + " MB live after a collection");
                progress.println("bench: reading the outcomes back...");
                long[] latencies = outcomeLatencies(connection, topics.outcomes(), sentAtMs);
                int outcomes = latencies.length;
                if (outcomes < options.requests()) {
                    progress.println("bench: only " + outcomes + " of " + options.requests()
                            + " measured requests have an outcome");
                }

                CpuMeter kafkaCpu = infra.cpuMeter();
                double kafka = kafkaCeiling(connection, topics, keyring, codec, kafkaCpu);
                progress.println("bench: Kafka ceiling " + fmt(kafka) + " records/s; CPU per record: " + kafkaCpu);
                CpuMeter httpCpu = infra.cpuMeter();
                double http = httpCeiling(infra.clickup, httpCpu);
                progress.println("bench: HTTP ceiling " + fmt(http) + " validations/s; CPU per validation: "
                        + httpCpu);
                Arrays.sort(latencies);
                return new Result(options.requests(), options.latencyMs(), throughput, percentile(latencies, 0.50),
                        percentile(latencies, 0.99), kafka, http, ratio(throughput, Math.min(kafka, http)), heapPeakMb,
                        outcomes);
            }
        }
    }

    private void publish(RequestPublisher publisher, int from, int to, long[] sentAtMs, String what) throws Exception {
        int chunk = 2000;
        for (int start = from; start < to; start += chunk) {
            int end = Math.min(to, start + chunk);
            long now = System.currentTimeMillis();
            for (int i = start; i < end; i++) {
                sentAtMs[i] = now;
            }
            publisher.publish(lines(start, end));
            progress.println("bench: " + what + " " + (end - from) + "/" + (to - from) + " requests");
        }
    }

    /** Offers {@code --rate} requests a second, in 10 ms ticks. */
    private void paced(RequestPublisher publisher, int from, int to, long[] sentAtMs) throws Exception {
        long startNs = System.nanoTime();
        int next = from;
        long lastReport = startNs;
        while (next < to) {
            double elapsed = (System.nanoTime() - startNs) / 1e9;
            int due = (int) Math.min(to, from + Math.floor(elapsed * options.rate()) + 1);
            if (due > next) {
                long now = System.currentTimeMillis();
                for (int i = next; i < due; i++) {
                    sentAtMs[i] = now;
                }
                publisher.publish(lines(next, due));
                next = due;
            } else {
                Thread.sleep(5);
            }
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                lastReport = System.nanoTime();
                progress.println("bench: offered " + (next - from) + "/" + (to - from) + " requests");
            }
        }
    }

    private static List<RequestLine> lines(int from, int to) {
        List<RequestLine> lines = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            lines.add(new RequestLine(i + 1, BenchAccounts.TENANT, BenchAccounts.accountId(i),
                    SecretToken.of(BenchAccounts.token(i)), BenchAccounts.workspace(i), Optional.empty(), Purpose.LINK,
                    Optional.empty()));
        }
        return lines;
    }

    /** Outcome time minus offer time of each measured request that has an outcome (read_committed). */
    private long[] outcomeLatencies(KafkaConnection connection, String topic, long[] sentAtMs) {
        long[] outcomeAt = new long[total];
        int found = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(connection.properties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "hublink-bench-reader",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (found < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    String prefix = BenchAccounts.ACCOUNT_PREFIX;
                    if (!key.startsWith(prefix)) {
                        continue;
                    }
                    int i = Integer.parseInt(key.substring(prefix.length()));
                    if (i >= 0 && i < total && outcomeAt[i] == 0) {
                        outcomeAt[i] = record.timestamp();
                        found++;
                    }
                }
            }
        }
        long[] latencies = new long[options.requests()];
        int n = 0;
        for (int i = options.warmup(); i < total; i++) {
            if (outcomeAt[i] != 0) {
                latencies[n++] = Math.max(0, outcomeAt[i] - sentAtMs[i]);
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    /**
     * The worker a user would otherwise write: the same pipeline and processor, but each record's validation runs to
     * its end on the poll thread before the next record is looked at.
     */
    private static AutoCloseable sequentialWorker(WorkerSettings settings, PipelineListener listener) {
        HttpClickUpTransport transport = new HttpClickUpTransport(ClickUpHttpConfig.ofDefaults(settings.clickupUrl())
                .withMaxInFlight(1));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ClickUpCredentialValidator real = new ClickUpCredentialValidator(transport, ValidatorSettings.ofDefaults(),
                Scheduling.of(Clock.systemUTC(), scheduler));
        CredentialValidator blocking = request -> CompletableFuture.completedFuture(real.validate(request).join());
        LinkRequestProcessor processor = new LinkRequestProcessor(settings.codec(), settings::keyring, blocking,
                settings.topics(), settings.defaultDeadline(), Clock.systemUTC());
        TransactionalPipeline pipeline = TransactionalPipeline.start(PipelineSettings.of(settings.connection(),
                LinkerWorker.GROUP_ID, settings.topics().requests(), settings.topics().dlq(),
                "hublink-worker-sequential").withMaxInFlight(1), processor, IntakeGate.ALWAYS_OPEN, listener);
        return () -> {
            pipeline.close();
            transport.close();
            scheduler.shutdownNow();
        };
    }

    /** The same transactional consume → decode → decide → produce loop, with the ClickUp call answered at once. */
    private double kafkaCeiling(KafkaConnection connection, HublinkTopics topics, Keyring keyring, EventCodec codec,
                                CpuMeter cpu) throws Exception {
        HublinkTopics out = new HublinkTopics(topics.requests(), "bench.ceiling.outcomes",
                "bench.ceiling.notifications", topics.dlq(), "bench.ceiling.accounts", topics.partitions());
        TopicCreator.ensure(connection, out);
        CompletableFuture<Verdict> linked = CompletableFuture.completedFuture(new Verdict.Linked(
                BenchAccounts.workspace(0), "Bench Workspace 0", List.of(new WorkspaceRef(BenchAccounts.workspace(0),
                "Bench Workspace 0")), Optional.empty(), Role.values()[0]));
        CredentialValidator instant = request -> linked;
        LinkRequestProcessor processor = new LinkRequestProcessor(codec, () -> keyring, instant, out,
                Duration.ofMinutes(15), Clock.systemUTC());
        Phase phase = new Phase("Kafka ceiling", options.warmup(), total, progress, null, cpu);
        try (TransactionalPipeline pipeline = TransactionalPipeline.start(PipelineSettings.of(connection,
                        "hublink-bench-kafka-ceiling", topics.requests(), topics.dlq(), "hublink-bench-kafka-ceiling")
                .withMaxInFlight(options.maxInFlight()), processor, IntakeGate.ALWAYS_OPEN, phase)) {
            phase.await();
        }
        return phase.rate();
    }

    /** The same /team + /user pair per validation at the worker's concurrency, no Kafka. */
    private double httpCeiling(String clickup, CpuMeter cpu) throws Exception {
        try (HttpClickUpTransport transport = new HttpClickUpTransport(
                ClickUpHttpConfig.ofDefaults(URI.create(clickup)).withMaxInFlight(options.maxInFlight()))) {
            Semaphore slots = new Semaphore(options.maxInFlight());
            AtomicInteger done = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicLong startNs = new AtomicLong();
            CompletableFuture<Long> end = new CompletableFuture<>();
            if (options.warmup() == 0) { // measured from the first call
                startNs.set(System.nanoTime());
                cpu.start();
            }
            for (int i = 0; i < total; i++) {
                slots.acquire();
                Optional<SecretToken> token = Optional.of(SecretToken.of(BenchAccounts.token(i)));
                CompletableFuture<?> team = transport.get("/api/v2/team", token);
                CompletableFuture<?> user = transport.get("/api/v2/user", token);
                CompletableFuture.allOf(team, user).whenComplete((ignored, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                    int n = done.incrementAndGet();
                    if (options.warmup() > 0 && n == options.warmup()) {
                        startNs.set(System.nanoTime());
                        cpu.start();
                    }
                    if (n == total) {
                        cpu.stop(options.requests());
                        end.complete(System.nanoTime());
                    }
                    slots.release();
                });
                if (i > 0 && i % 5000 == 0) {
                    progress.println("bench: HTTP ceiling " + done.get() + "/" + total + " validations");
                }
            }
            long endNs = end.get(PHASE_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
            if (failed.get() > 0) {
                progress.println("bench: HTTP ceiling: " + failed.get() + " validations failed");
            }
            return options.requests() / ((endNs - startNs.get()) / 1e9);
        }
    }

    private static double ratio(double value, double ceiling) {
        return ceiling > 0 ? value / ceiling : 0;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * Counts committed inputs: the measured phase starts where the commit that takes the count past the warm-up
     * started (the end of the commit before it), and ends at the commit of the last one. Heap peaks are reset when the
     * warm-up is past.
     */
    private static final class Phase implements PipelineListener {
        private final String name;
        private final int warmup;
        private final int total;
        private final PrintStream progress;
        /** Null when this phase does not measure the heap. */
        private final HeapSampler heap;
        private final CompletableFuture<Void> warm = new CompletableFuture<>();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();
        private final long createdNs = System.nanoTime();
        private long committed;
        private long lastCommitNs;
        private long countedFrom;
        private long startNs;
        private long endNs;
        private long lastReportNs;
        final CpuMeter cpu;

        Phase(String name, int warmup, int total, PrintStream progress, HeapSampler heap, CpuMeter cpu) {
            this.cpu = cpu;
            if (warmup == 0) { // measured from the start: the first commit may already carry every record
                cpu.start();
            }
            this.name = name;
            this.warmup = warmup;
            this.total = total;
            this.progress = progress;
            this.heap = heap;
        }

        @Override
        public void committed(int inputs, int outputs) {
            long now = System.nanoTime();
            long before = committed;
            committed += inputs;
            if (before < warmup || (warmup == 0 && before == 0)) {
                if (committed >= warmup) {
                    // the measured phase begins where the commit that passes the warm-up began: after the previous
                    // commit (or when the pipeline started), and counts every record that commit carried
                    startNs = before == 0 ? createdNs : lastCommitNs;
                    countedFrom = before;
                    if (warmup > 0) {
                        if (heap != null) {
                            heap.reset();
                        }
                        cpu.start();
                    }
                    warm.complete(null);
                }
            }
            lastCommitNs = now;
            if (now - lastReportNs > 2_000_000_000L) {
                lastReportNs = now;
                progress.println("bench: " + name + " " + committed + "/" + total + " committed");
            }
            if (committed >= total && !finished.isDone()) {
                endNs = now;
                cpu.stop(committed - countedFrom);
                if (heap != null) {
                    heap.close(); // the peaks stay as they were at the last commit
                }
                finished.complete(null);
            }
        }

        void awaitWarm() throws Exception {
            warm.get(PHASE_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
        }

        void await() throws Exception {
            finished.get(PHASE_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
        }

        double rate() {
            long counted = committed - countedFrom;
            double seconds = (endNs - startNs) / 1e9;
            return seconds <= 0 ? 0 : counted / seconds;
        }
    }

    /** The child JVM with the broker and the simulator; closing its standard input ends it. */
    private static final class Infra implements AutoCloseable {
        final Process process;
        final String bootstrap;
        final String clickup;
        final Thread hook;

        private Infra(Process process, String bootstrap, String clickup, Thread hook) {
            this.process = process;
            this.bootstrap = bootstrap;
            this.clickup = clickup;
            this.hook = hook;
        }

        static Infra start(int accounts, int latencyMs) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            Path log = Files.createTempFile("hublink-bench-infra", ".log");
            List<String> command = new ArrayList<>(List.of(java));
            // JVM options for that JVM alone (a flight recording, say), as HUBLINK_JAVA_OPTS gives the bench's own.
            String infraOptions = System.getenv(INFRA_JAVA_OPTS);
            if (infraOptions != null && !infraOptions.isBlank()) {
                command.addAll(List.of(infraOptions.strip().split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "io.hublink.app.HublinkCommand", "bench-infra", "--accounts", String.valueOf(accounts),
                    "--latency-ms", String.valueOf(latencyMs)));
            Process process = new ProcessBuilder(command)
                    .redirectError(log.toFile())
                    .start();
            Thread hook = new Thread(process::destroyForcibly, "hublink-bench-infra-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    String bootstrap = null;
                    String clickup = null;
                    for (String part : line.substring(6).split(" ")) {
                        if (part.startsWith("bootstrap=")) {
                            bootstrap = part.substring("bootstrap=".length());
                        } else if (part.startsWith("clickup=")) {
                            clickup = part.substring("clickup=".length());
                        }
                    }
                    Files.deleteIfExists(log);
                    return new Infra(process, bootstrap, clickup, hook);
                }
            }
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(hook);
            throw new IOException("the bench's broker and simulator did not start; see " + log);
        }

        CpuMeter cpuMeter() {
            return new CpuMeter(process.toHandle());
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

}
