package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.demo.Demo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./hublink demo --scenario samples/outage.json --requests samples/outage-requests.jsonl}: ClickUp is down for
 * the first 25 s of the simulator's life; the breaker opens, intake pauses, and every request links after recovery.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OutageDemoIT {

    private static final Path SAMPLES = Path.of("..", "samples");

    @Test
    void should_pause_through_the_outage_and_link_every_request_after_it() throws Exception {
        // given
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        // when
        int exit = Demo.run(SAMPLES.resolve("outage.json"), SAMPLES.resolve("outage-requests.jsonl"),
                new PrintStream(captured, true, StandardCharsets.UTF_8));

        // then
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("circuit breaker CLOSED -> OPEN: failure rate")
                .contains("intake paused: ClickUp circuit breaker OPEN")
                .contains("circuit breaker OPEN -> HALF_OPEN")
                .contains("circuit breaker HALF_OPEN -> CLOSED")
                .contains("intake resumed")
                .doesNotContain("LinkFailed")
                .doesNotContain("OUTAGE");
        List<String> lines = out.lines().collect(Collectors.toList());
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("summary: requests=8 outcomes=8 linked=8 failed=0 notifications=8");
    }
}
