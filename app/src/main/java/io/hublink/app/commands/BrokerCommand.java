package io.hublink.app.commands;

import io.hublink.testkit.kafka.BrokerOptions;
import io.hublink.testkit.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "A local single-node Kafka (KRaft) on 127.0.0.1; prints READY bootstrap=127.0.0.1:PORT and runs until stopped.")
public final class BrokerCommand extends Subcommand {

    @Option(names = "--port", defaultValue = "0", paramLabel = "N", description = "Port (0: any free port).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep the broker's data here, and restart on it (default: a temporary directory, deleted on exit).")
    Path dir;

    @Override
    int run() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0..65535, was " + port);
        }
        BrokerOptions options = BrokerOptions.ofDefaults().withPort(port);
        if (dir != null) {
            options = options.withDataDir(dir);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
        System.out.println("READY bootstrap=" + broker.bootstrapServers());
        System.out.flush();
        return Lifecycle.runUntilStopped(new CompletableFuture<>(), broker);
    }
}
