package io.hublink.app.demo;

import io.hublink.app.Errors;
import io.hublink.app.requests.RequestFileException;
import io.hublink.app.requests.RequestLine;
import io.hublink.app.requests.RequestPublisher;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.PipelineListener;
import io.hublink.publisher.StatusPublisher;
import io.hublink.publisher.StatusPublisher.PublisherSettings;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.kafka.BrokerOptions;
import io.hublink.testkit.kafka.EmbeddedKafkaBroker;
import io.hublink.worker.LinkerWorker;
import io.hublink.worker.LinkerWorker.WorkerSettings;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The whole pipeline in one process on an embedded default: broker, ClickUp simulator, worker, publisher. Everything
 * runs for real (Kafka transactions, HTTP on loopback, AES-GCM envelopes under a fresh in-memory keyring); only the
 * counterparties are local.
 */
public final class Demo {

    /** Long enough for the default 15-minute deadline to matter only in outage scenarios. */
    private static final Duration WAIT_FOR_OUTCOMES = Duration.ofMinutes(20);

    private Demo() {
    }

    public static int run(Path scenarioFile, Path requestsFile, PrintStream out) throws Exception {
        Scenario scenario = DemoInputs.scenario(scenarioFile);
        List<RequestLine> lines;
        try {
            lines = DemoInputs.requests(requestsFile);
        } catch (RequestFileException e) {
            System.err.println("error: " + e.getMessage());
            return Errors.BAD_INPUT;
        }
        HublinkTopics topics = HublinkTopics.ofDefaults();
        EventCodec codec = EventCodec.ofDefaults();
        Keyring keyring = Keyring.generate();
        out.println("starting a local Kafka broker and the ClickUp simulator...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.ofDefaults());
             ClickUpSimulator clickUp = ClickUpSimulator.start(scenario, 0)) {
            KafkaConnection connection = KafkaConnection.of(broker.bootstrapServers());
            out.println("broker " + broker.bootstrapServers() + ", ClickUp simulator " + clickUp.url());
            DemoProgress progress = new DemoProgress(out);
            try (LinkerWorker worker = LinkerWorker.start(
                         WorkerSettings.of(connection, URI.create(clickUp.url()), keyring, "demo"), progress);
                 StatusPublisher publisher = StatusPublisher.start(PublisherSettings.of(connection, "demo"),
                         PipelineListener.NONE);
                 DemoReport report = new DemoReport(connection, topics, codec, out)) {
                worker.onBreakerStateChange(progress::breakerChanged);
                try (RequestPublisher requests = new RequestPublisher(connection, topics.requests(), keyring, codec,
                        Clock.systemUTC())) {
                    requests.publish(lines);
                }
                out.println("published " + lines.size() + " requests; waiting for outcomes and notifications");
                boolean complete = report.awaitAll(lines.size(), WAIT_FOR_OUTCOMES);
                progress.silence();
                out.println(report.summary());
                out.flush();
                return complete ? 0 : Errors.FAILED;
            }
        }
    }
}
