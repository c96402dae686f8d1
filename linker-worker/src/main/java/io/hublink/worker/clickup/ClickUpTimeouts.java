package io.hublink.worker.clickup;

import java.time.Duration;

/**
 * The four explicit timeouts of a ClickUp call (see {@link ClickUpHttpConfig}): connect, silence while waiting for
 * the answer, waiting for a pooled connection, and the whole call, which bounds the other three.
 */
public record ClickUpTimeouts(Duration connect, Duration response, Duration lease, Duration call) {

    public ClickUpTimeouts {
        BreakerSettings.requirePositive("connectTimeout", connect);
        BreakerSettings.requirePositive("responseTimeout", response);
        BreakerSettings.requirePositive("leaseTimeout", lease);
        BreakerSettings.requirePositive("callTimeout", call);
    }

    /** 5 s connect, 10 s response, 5 s lease, 15 s for the whole call. */
    public static ClickUpTimeouts ofDefaults() {
        return new ClickUpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(15));
    }

    /** The same, with the whole call cut after {@code value}. */
    public ClickUpTimeouts withCall(Duration value) {
        return new ClickUpTimeouts(connect, response, lease, value);
    }
}
