package io.hublink.app.commands;

import io.hublink.pipeline.DeadLetterRedrive;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.KafkaReachability;
import io.hublink.pipeline.TopicCreator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Dead-letter handling. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Dead-letter topic handling.",
        subcommands = {DlqCommand.Redrive.class})
public final class DlqCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a dlq command is required: redrive");
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {
                "Republishes dead letters whose cause has since been fixed to the requests",
                "topic, keyed as before, so the worker decides them again.",
                "",
                "Re-drivable (none of these produced an outcome):",
                "  UNKNOWN_KEY_ID       key id not in the keyring: deploy the key first",
                "  UNKNOWN_FINGERPRINT  schema unknown to the worker: upgrade workers first",
                "  PROCESSING_ERROR     the worker failed unexpectedly: deploy the fix first",
                "Never re-driven: ENVELOPE_UNREADABLE and MISSING_ID (answered already, or",
                "nobody to answer); NOT_AVRO, CORRUPT_BODY, EMPTY_VALUE, WRONG_TYPE and",
                "VALUE_TOO_LARGE (the bytes cannot become readable, or were not kept whole);",
                "the publisher's dead letters (that would duplicate an outcome).",
                "",
                "Each dead letter is republished at most once, however often this runs:",
                "each kind's position is committed in the Kafka transaction that republishes",
                "up to it. Prints progress, a line per kind skipped, then: redriven N skipped N.",
                ""})
    static final class Redrive extends Subcommand {

        @Option(names = "--bootstrap-servers", paramLabel = "B", defaultValue = "${env:HUBLINK_BOOTSTRAP_SERVERS}",
                description = "Kafka bootstrap servers. Env: HUBLINK_BOOTSTRAP_SERVERS.")
        String bootstrapServers;

        @Option(names = "--error", paramLabel = "KIND",
                description = "Only dead letters of this kind (default: every re-drivable kind). The others keep "
                        + "their place for a later run.")
        String error;

        @Override
        int run() {
            HublinkTopics topics = HublinkTopics.ofDefaults();
            KafkaConnection connection = common.connection(bootstrapServers);
            DeadLetterRedrive redrive = DeadLetterRedrive.of(connection, topics, Optional.ofNullable(error));
            KafkaReachability.check(connection, Duration.ofSeconds(15));
            TopicCreator.ensure(connection, topics);
            PrintStream out = System.out;
            DeadLetterRedrive.Report report;
            try {
                report = redrive.run(new EveryThousand(out));
            } catch (DeadLetterRedrive.RedriveException e) {
                err().println("error: dlq redrive " + e.getMessage());
                return io.hublink.app.Errors.FAILED;
            }
            for (Map.Entry<String, Long> skipped : report.skippedByReason().entrySet()) {
                out.println("skipped " + skipped.getValue() + " " + skipped.getKey());
            }
            out.println("redriven " + report.redriven() + " skipped " + report.skipped());
            out.flush();
            return 0;
        }
    }

    /** Prints a progress line at most once per thousand dead letters read. */
    private static final class EveryThousand implements DeadLetterRedrive.Progress {
        private final PrintStream out;
        private long printedAt;

        EveryThousand(PrintStream out) {
            this.out = out;
        }

        @Override
        public void committed(long read, long total, long redriven) {
            if (read - printedAt >= 1000) {
                printedAt = read;
                out.println("progress: read " + read + " of at most " + total + ", redriven " + redriven);
                out.flush();
            }
        }
    }
}
