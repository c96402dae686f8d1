package io.hublink.schemas.logging;

import java.util.Collection;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Keeps loggers that would print a token quiet in any hublink process (DESIGN "Secrets"), whatever level a user, a
 * configuration file or a {@code --log-level} flag later sets on them. On Logback this is one turbo filter
 * ({@link SecretLoggerGuard}), which runs before level checks; every module adds its loggers to that same filter.
 * Without Logback nothing is installed and the back-end must be configured to keep these loggers quiet.
 *
 * <p>Call again after any Logback reconfiguration: a reset removes turbo filters.
 */
public final class SecretLogging {

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private SecretLogging() {
    }

    /**
     * Denies every event, at any level, of these loggers and of the loggers below them.
     *
     * @return true when Logback is the back-end and the rule is in force
     */
    public static boolean denyAlways(Collection<String> loggerNames) {
        return install(loggerNames, SecretLoggerGuard.Rule.ALWAYS);
    }

    /**
     * Denies events below INFO of these loggers and of the loggers below them.
     *
     * @return true when Logback is the back-end and the rule is in force
     */
    public static boolean denyBelowInfo(Collection<String> loggerNames) {
        return install(loggerNames, SecretLoggerGuard.Rule.BELOW_INFO);
    }

    private static boolean install(Collection<String> loggerNames, SecretLoggerGuard.Rule rule) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        // Compare by name first, so that without logback-classic on the class path no Logback class is loaded.
        if (!LOGBACK_CONTEXT.equals(factory.getClass().getName())) {
            return false;
        }
        SecretLoggerGuard.installOn(factory).add(loggerNames, rule);
        return true;
    }
}
