package io.hublink.app.commands;

import io.hublink.app.tail.RecordJson;
import io.hublink.app.tail.TopicReader;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.KafkaReachability;
import io.hublink.schemas.EventCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Prints a topic from the beginning (read_committed, no consumer group) as one JSON object per record.")
public final class TailCommand extends Subcommand {

    @Option(names = "--bootstrap-servers", paramLabel = "B", defaultValue = "${env:HUBLINK_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers. Env: HUBLINK_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--topic", required = true, paramLabel = "requests|outcomes|notifications|dlq|accounts",
            description = "Which topic.")
    String topic;

    @Option(names = "--until-idle", paramLabel = "SECONDS",
            description = "Exit after this many seconds without a new record (default: run until stopped).")
    Double untilIdle;

    @Override
    int run() {
        HublinkTopics topics = HublinkTopics.ofDefaults();
        String name = topics.byShortName(topic);
        if (untilIdle != null && untilIdle < 0) {
            throw new IllegalArgumentException("until-idle: must not be negative, was " + untilIdle);
        }
        Optional<Duration> idle = Optional.ofNullable(untilIdle).map(s -> Duration.ofMillis((long) (s * 1000)));
        RecordJson json = new RecordJson(EventCodec.ofDefaults());
        boolean deadLetters = name.equals(topics.dlq());
        PrintStream out = System.out;
        KafkaConnection connection = common.connection(bootstrapServers);
        KafkaReachability.check(connection, Duration.ofSeconds(15));
        try (TopicReader reader = new TopicReader(connection, name)) {
            Thread hook = new Thread(reader::stop);
            Runtime.getRuntime().addShutdownHook(hook);
            reader.readUntilIdle(idle, record -> {
                out.println((deadLetters ? json.deadLetter(record) : json.event(record)).toString());
                out.flush();
            });
        }
        return 0;
    }
}
