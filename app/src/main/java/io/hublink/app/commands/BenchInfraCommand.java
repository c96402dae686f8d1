package io.hublink.app.commands;

import io.hublink.app.bench.BenchAccounts;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.kafka.BrokerOptions;
import io.hublink.testkit.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bench's infrastructure, in its own JVM: a broker and the ClickUp simulator with the bench's accounts. Prints
 * {@code READY bootstrap=HOST:PORT clickup=URL} and runs until its standard input closes (the bench ends, or dies),
 * so it never outlives the bench.
 */
@Command(name = "bench-infra", hidden = true, mixinStandardHelpOptions = true,
        description = "Internal: the broker and simulator of `hublink bench`; runs until standard input closes.")
public final class BenchInfraCommand extends Subcommand {

    @Option(names = "--accounts", required = true, paramLabel = "N")
    int accounts;

    @Option(names = "--latency-ms", defaultValue = "100", paramLabel = "MS")
    int latencyMs;

    @Override
    int run() throws IOException {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults());
             ClickUpSimulator clickUp = ClickUpSimulator.start(
                     BenchAccounts.scenario(accounts, Duration.ofMillis(latencyMs)), 0)) {
            System.out.println("READY bootstrap=" + broker.bootstrapServers() + " clickup=" + clickUp.url());
            System.out.flush();
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // nothing to read: the bench only closes it
            }
        }
        return 0;
    }
}
