package io.hublink.app.commands;

import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.KafkaReachability;
import io.hublink.publisher.webhooks.WebhookRedrive;
import io.hublink.publisher.webhooks.WebhookTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Webhook operations.",
        subcommands = WebhooksCommand.Redrive.class)
public final class WebhooksCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a webhooks command is required (redrive)");
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Re-delivers parked webhook deliveries: moves them from hublink.webhook-parked to "
                    + "hublink.webhook-redrive, where the running publishers deliver them (re-enabling a disabled "
                    + "endpoint). Prints: webhooks redrive: parked=N redriven=N"})
    public static final class Redrive extends Subcommand {

        @Option(names = "--bootstrap-servers", paramLabel = "B", defaultValue = "${env:HUBLINK_BOOTSTRAP_SERVERS}",
                description = "Kafka bootstrap servers. Env: HUBLINK_BOOTSTRAP_SERVERS.")
        String bootstrapServers;

        @Option(names = "--tenant", paramLabel = "ID", description = "Only this tenant's deliveries (default: all).")
        String tenant;

        @Override
        int run() {
            KafkaConnection connection = common.connection(bootstrapServers);
            KafkaReachability.check(connection, Duration.ofSeconds(15));
            WebhookRedrive.Result result = WebhookRedrive.run(connection, WebhookTopics.ofDefaults(),
                    Optional.ofNullable(tenant), Clock.systemUTC());
            System.out.println("webhooks redrive: parked=" + result.parked() + " redriven=" + result.redriven());
            return 0;
        }
    }
}
