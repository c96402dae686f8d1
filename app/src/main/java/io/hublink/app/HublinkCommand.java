package io.hublink.app;

import io.hublink.app.commands.BenchCommand;
import io.hublink.app.commands.BenchInfraCommand;
import io.hublink.app.commands.BrokerCommand;
import io.hublink.app.commands.ClickUpSimCommand;
import io.hublink.app.commands.DemoCommand;
import io.hublink.app.commands.DlqCommand;
import io.hublink.app.commands.KeysCommand;
import io.hublink.app.commands.PublisherCommand;
import io.hublink.app.commands.ReplayCommand;
import io.hublink.app.commands.RequestCommand;
import io.hublink.app.commands.SchemasCommand;
import io.hublink.app.commands.TailCommand;
import io.hublink.app.commands.WebhooksCommand;
import io.hublink.app.commands.WorkerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hublink} command line: one runnable jar, one subcommand per role. */
@Command(name = "hublink", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Links ClickUp accounts to an integration hub over Kafka.",
        subcommands = {DemoCommand.class, BrokerCommand.class, ClickUpSimCommand.class, WorkerCommand.class,
                PublisherCommand.class, RequestCommand.class, TailCommand.class, ReplayCommand.class, DlqCommand.class,
                KeysCommand.class, SchemasCommand.class, WebhooksCommand.class, BenchCommand.class,
                BenchInfraCommand.class})
public final class HublinkCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HublinkCommand());
        commandLine.setParameterExceptionHandler(Errors::onBadParameters);
        commandLine.setExecutionExceptionHandler(Errors::onFailure);
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
