package io.hublink.app.commands;

import io.hublink.app.Errors;
import io.hublink.app.requests.RequestFile;
import io.hublink.app.requests.RequestFileException;
import io.hublink.app.requests.RequestLine;
import io.hublink.app.requests.RequestPublisher;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.KafkaReachability;
import io.hublink.pipeline.TopicCreator;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.envelope.Keyring;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "request", mixinStandardHelpOptions = true,
        description = "Checks every line of a request file, then encrypts each token and publishes LinkRequested events.")
public final class RequestCommand extends Subcommand {

    @Option(names = "--bootstrap-servers", paramLabel = "B", defaultValue = "${env:HUBLINK_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers. Env: HUBLINK_BOOTSTRAP_SERVERS.")
    String bootstrapServers;

    @Option(names = "--keys", paramLabel = "FILE", defaultValue = "${env:HUBLINK_KEYS_FILE}",
            description = "The keyring file. Env: HUBLINK_KEYS_FILE.")
    Path keys;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "One JSON request per line.")
    Path file;

    @Override
    int run() throws Exception {
        List<RequestLine> lines;
        try (Reader reader = Files.newBufferedReader(file)) {
            lines = RequestFile.read(reader);
        } catch (NoSuchFileException e) {
            err().println("error: file " + file + ": not found");
            return Errors.BAD_INPUT;
        } catch (IOException e) {
            err().println("error: file " + file + ": cannot be read as UTF-8 text");
            return Errors.BAD_INPUT;
        } catch (RequestFileException e) {
            err().println("error: " + e.getMessage());
            return Errors.BAD_INPUT;
        }
        Keyring keyring = KeyringOption.load(keys);
        KafkaConnection connection = common.connection(bootstrapServers);
        KafkaReachability.check(connection, Duration.ofSeconds(15));
        HublinkTopics topics = HublinkTopics.ofDefaults();
        TopicCreator.ensure(connection, topics);
        try (RequestPublisher publisher = new RequestPublisher(connection, topics.requests(), keyring,
                EventCodec.ofDefaults(), Clock.systemUTC())) {
            publisher.publish(lines);
        }
        System.out.println("published " + lines.size());
        return 0;
    }
}
