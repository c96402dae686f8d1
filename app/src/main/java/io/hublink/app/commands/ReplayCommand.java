package io.hublink.app.commands;

import io.hublink.app.replay.Replay;
import io.hublink.app.replay.ReplayTime;
import io.hublink.app.replay.Replay.Options;
import io.hublink.app.replay.Replay.Summary;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.KafkaReachability;
import io.hublink.schemas.EventCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-validates linked accounts: republishes them as LinkRequested with purpose=REVALIDATE. A "
                + "re-validation that fails on the credentials invalidates the link (an ACCOUNT_INVALIDATED notification "
                + "and a tombstone); ClickUp trouble never does. Ctrl-C stops cleanly.")
public final class ReplayCommand extends Subcommand {

    @Option(names = "--bootstrap-servers", paramLabel = "B", defaultValue = "${env:HUBLINK_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers. Env: HUBLINK_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--linked", required = true, description = "Every account currently linked (hublink.link-accounts).")
        boolean linked;

        @Option(names = "--since", required = true, paramLabel = "TIME",
                description = "Requests published since TIME (ISO-8601, or 90m / 12h / 7d ago), the latest per account.")
        String since;
    }

    @Option(names = "--until", paramLabel = "TIME", description = "With --since: only requests published before TIME.")
    String until;

    @Option(names = "--tenant", paramLabel = "ID", description = "Only this tenant's accounts.")
    String tenant;

    @Option(names = "--dry-run", description = "Print what would be re-validated; publish nothing.")
    boolean dryRun;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "50",
            description = "Re-validations published per second at most (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Give each re-validation this long (e.g. 10m) instead of the worker's default.")
    Duration deadline;

    @Override
    int run() throws Exception {
        Clock clock = Clock.systemUTC();
        if (until != null && selection.since == null) {
            throw new IllegalArgumentException("until: only goes with --since");
        }
        Options options = new Options(
                Optional.ofNullable(selection.since).map(t -> ReplayTime.parse("since", t, clock)),
                Optional.ofNullable(until).map(t -> ReplayTime.parse("until", t, clock)),
                Optional.ofNullable(tenant), dryRun, rate, Optional.ofNullable(deadline));
        KafkaConnection connection = common.connection(bootstrapServers);
        KafkaReachability.check(connection, Duration.ofSeconds(15));
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS); // let the loop stop and print how far it got
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hublink-replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Summary summary = new Replay(connection, HublinkTopics.ofDefaults(), EventCodec.ofDefaults(), clock)
                    .run(options, System.out, System.err, stop);
            System.out.println(summary.line());
            System.out.flush();
            return summary.interrupted() ? 130 : 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the latch released above
            }
        }
    }
}
