package io.hublink.app.commands;

import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Scenario;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clickup-sim", mixinStandardHelpOptions = true,
        description = "The ClickUp simulator on 127.0.0.1; prints READY url=http://127.0.0.1:PORT and runs until stopped.")
public final class ClickUpSimCommand extends Subcommand {

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario (JSON, see README).")
    Path scenario;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N", description = "Port (0: any free port).")
    int port;

    @Override
    int run() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0..65535, was " + port);
        }
        if (!java.nio.file.Files.isRegularFile(scenario)) {
            throw new IllegalArgumentException("scenario " + scenario + ": file not found");
        }
        ClickUpSimulator simulator = ClickUpSimulator.start(Scenario.fromJson(scenario), port);
        System.out.println("READY url=" + simulator.url());
        System.out.flush();
        return Lifecycle.runUntilStopped(new CompletableFuture<>(), simulator);
    }
}
