package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.demo.Demo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo with the shipped samples: the main job end to end in one process. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DemoIT {

    @Test
    void should_link_the_valid_samples_and_explain_every_failure() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        int exit = Demo.run(null, null, new PrintStream(captured, true, StandardCharsets.UTF_8));

        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("summary: requests=10 outcomes=10 linked=4 failed=6 notifications=10");
        assertThat(out).contains("TOKEN_INVALID (OAUTH_025)")
                .contains("WORKSPACE_NOT_AUTHORIZED")
                .contains("TOKEN_MALFORMED")
                .contains("WORKSPACE_ID_INVALID")
                .contains("role GUEST")
                .contains("some actions may be limited");
        // The sample tokens are all pk_8…_DEMO…: none may be shown, whole or in part.
        assertThat(out).doesNotContain("pk_8").doesNotContain("DEMOjane").doesNotContain("DEMOjohn")
                .doesNotContain("DEMOguest");
    }
}
