package io.hublink.app.commands;

import io.hublink.app.demo.Demo;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job on an embedded default: a local broker, the ClickUp simulator, the worker and the "
                + "publisher in one process; submits the requests, prints each outcome and notification, and ends with "
                + "summary: requests=N outcomes=N linked=N failed=N notifications=N (counted from the topics).")
public final class DemoCommand extends Subcommand {

    @Option(names = "--scenario", paramLabel = "FILE", description = "Simulator scenario (default: the samples' scenario).")
    Path scenario;

    @Option(names = "--requests", paramLabel = "FILE", description = "Request lines (default: the samples' requests).")
    Path requests;

    @Override
    int run() throws Exception {
        common.quietLibrariesUnlessAsked();
        return Demo.run(scenario, requests, System.out);
    }
}
