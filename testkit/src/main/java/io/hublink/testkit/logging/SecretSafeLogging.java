package io.hublink.testkit.logging;

import io.hublink.schemas.logging.SecretLogging;
import java.util.List;

/**
 * Keeps the testkit's servers from logging secrets at any log level.
 *
 * <p>Jetty's debug output includes raw request bytes and parsed header values (so the {@code Authorization} token),
 * and Kafka's request logger describes each request in detail. No SLF4J call can forbid a level, so when the backend
 * is Logback {@link SecretLogging}'s turbo filter drops events below INFO from those loggers, whatever level a user
 * or a {@code --log-level} flag sets on them. With another backend nothing is installed: configure it to keep
 * {@link #CAPPED_LOGGERS} at INFO.
 */
public final class SecretSafeLogging {

    /** Logger name prefixes whose events below INFO are dropped. */
    public static final List<String> CAPPED_LOGGERS = List.of("org.eclipse.jetty", "kafka.request.logger");

    private SecretSafeLogging() {
    }

    /** Installs the cap (idempotent, cheap: the servers call it each time they start). */
    public static void install() {
        SecretLogging.denyBelowInfo(CAPPED_LOGGERS);
    }
}
