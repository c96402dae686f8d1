package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.testing.HublinkProcesses;
import io.hublink.app.testing.HublinkProcesses.Child;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces as an operator runs them, each its own JVM from the built jar: broker, clickup-sim, keys generate,
 * worker, publisher, request and tail together link a request. No process outlives the test.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SeparateProcessesIT {

    private static final String TOKEN = "pk_81234567_PROCESSESITJANE0000000000000000000";
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

    private final HublinkProcesses processes = new HublinkProcesses();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        processes.close();
    }

    @Test
    void should_link_a_request_through_separate_processes() throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, "{\"accounts\":[{\"token\":\"" + TOKEN + "\",\"user\":{\"id\":1,\"username\":\"Jane\","
                + "\"email\":\"jane@example.com\"},\"workspaces\":[{\"id\":\"9012345678\",\"name\":\"Example\",\"role\":1}]}],"
                + "\"latencyMs\":5}");
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, "{\"tenantId\":\"t-1\",\"accountId\":\"acc-1\",\"token\":\"" + TOKEN
                + "\",\"workspace\":\"9012345678\"}\n");
        Path keys = dir.resolve("keys.json");

        Child broker = processes.start("broker");
        String bootstrap = broker.awaitLine("READY bootstrap=").substring("READY bootstrap=".length());
        Child sim = processes.start("clickup-sim", "--scenario", scenario.toString());
        String url = sim.awaitLine("READY url=").substring("READY url=".length());
        Child generate = processes.run(EXIT_TIMEOUT, "keys", "generate", "--out", keys.toString());
        assertThat(generate.awaitExit(EXIT_TIMEOUT)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        Child worker = processes.start("worker", "--bootstrap-servers", bootstrap, "--clickup-url", url, "--keys",
                keys.toString(), "--instance-id", "w1");
        processes.start("publisher", "--bootstrap-servers", bootstrap, "--instance-id", "p1");

        Child request = processes.run(EXIT_TIMEOUT, "request", "--bootstrap-servers", bootstrap, "--keys",
                keys.toString(), "--file", requests.toString());
        assertThat(request.awaitExit(EXIT_TIMEOUT)).isZero();
        assertThat(request.stdout()).containsExactly("published 1");

        List<String> outcomes = tailUntil(bootstrap, "outcomes", "\"type\":\"AccountLinked\"");
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).contains("\"accountId\":\"acc-1\"").contains("\"workspaceId\":\"9012345678\"")
                .contains("\"role\":\"OWNER\"").contains("\"partition\":").contains("\"offset\":0");
        List<String> notifications = tailUntil(bootstrap, "notifications", "\"kind\":\"ACCOUNT_LINKED\"");
        assertThat(notifications).hasSize(1);

        processes.close(); // every process stops as in production, so its last lines are searched too
        for (Child process : processes.all()) {
            assertThat(process.allOutput()).as(process.name()).doesNotContain(TOKEN).doesNotContain("PROCESSESITJANE");
        }
        assertThat(worker.stdout()).as("worker writes logs to standard error only").isEmpty();
        assertThat(worker.stderr()).as("the worker's own stopping lines were captured")
                .anyMatch(line -> line.contains("worker stopped"));
    }

    @Test
    void should_stop_a_replay_cleanly_on_a_signal_and_say_how_far_it_got() throws Exception {
        Path keys = dir.resolve("keys.json");
        assertThat(processes.run(EXIT_TIMEOUT, "keys", "generate", "--out", keys.toString()).awaitExit(EXIT_TIMEOUT))
                .isZero();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            lines.append("{\"tenantId\":\"t-1\",\"accountId\":\"acc-").append(i)
                    .append("\",\"token\":\"x\",\"workspace\":\"1\"}\n");
        }
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, lines);
        Child broker = processes.start("broker");
        String bootstrap = broker.awaitLine("READY bootstrap=").substring("READY bootstrap=".length());
        assertThat(processes.run(EXIT_TIMEOUT, "request", "--bootstrap-servers", bootstrap, "--keys", keys.toString(),
                "--file", requests.toString()).awaitExit(EXIT_TIMEOUT)).isZero();

        Child replay = processes.start("replay", "--bootstrap-servers", bootstrap, "--since", "1h", "--rate", "20");
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (replay.stderr().stream().noneMatch(l -> l.contains("published")) && System.nanoTime() < end) {
            Thread.sleep(100);
        }

        // SIGTERM, as Ctrl-C or a service manager would; what the replay prints while it stops must still be read
        replay.stop();

        assertThat(String.join("\n", replay.stderr())).as("stdout %s", replay.stdout())
                .contains("replay: interrupted after ").contains(" of 200 accounts");
        assertThat(replay.stdout()).anyMatch(l -> l.matches("replay: accounts=200 published=\\d+ skipped=0"));
    }

    private List<String> tailUntil(String bootstrap, String topic, String wanted) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Child tail = processes.run(EXIT_TIMEOUT, "tail", "--bootstrap-servers", bootstrap, "--topic", topic,
                    "--until-idle", "2");
            assertThat(tail.awaitExit(EXIT_TIMEOUT)).isZero();
            if (tail.stdout().stream().anyMatch(line -> line.contains(wanted))) {
                return tail.stdout();
            }
        }
        throw new AssertionError("no " + wanted + " on " + topic);
    }
}
