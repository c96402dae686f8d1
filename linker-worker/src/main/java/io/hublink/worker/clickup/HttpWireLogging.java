package io.hublink.worker.clickup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps HttpClient's loggers that print request headers or raw bytes (and so the token) off at every log level
 * (DESIGN "Secrets"). On Logback each is set to OFF and a turbo filter denies their events even if someone sets
 * a level on them later; call again after any Logback reconfiguration, which resets both. Without Logback nothing
 * is done here and the logging back-end must be configured to keep them off.
 */
public final class HttpWireLogging {

    /** Header lines, wire bytes, and the HTTP/2 frame, payload and flow-control dumps. */
    public static final List<String> SECRET_BEARING_LOGGERS = List.of(
            "org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http2.frame",
            "org.apache.hc.client5.http2.frame.payload",
            "org.apache.hc.client5.http2.flow");

    private HttpWireLogging() {
    }

    /** Returns true when the loggers were forced off (Logback is the SLF4J back-end), false otherwise. */
    public static boolean silence() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        // Compare by name first, so that without logback-classic on the class path no Logback class is loaded.
        if (!"ch.qos.logback.classic.LoggerContext".equals(factory.getClass().getName())) {
            return false;
        }
        Logback.silence(factory);
        return true;
    }

    /** Touches Logback types; loaded only once Logback is known to be present. */
    private static final class Logback {
        static void silence(ILoggerFactory factory) {
            LoggerContext context = (LoggerContext) factory;
            for (String name : SECRET_BEARING_LOGGERS) {
                context.getLogger(name).setLevel(Level.OFF);
            }
            boolean installed = context.getTurboFilterList().stream().anyMatch(DenySecretBearing.class::isInstance);
            if (!installed) {
                DenySecretBearing filter = new DenySecretBearing();
                filter.setName("hublink-deny-http-wire-logging");
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }

    /** Denies events of the secret-bearing loggers and of any logger below them. */
    static final class DenySecretBearing extends TurboFilter {
        /**
         * Logger name → denied. Turbo filters run on every level check of every logger (HttpClient asks
         * isDebugEnabled several times per call), so the name scan is done once per logger.
         */
        private final Map<String, Boolean> denied = new ConcurrentHashMap<>();

        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                                  Throwable t) {
            if (logger == null) {
                return FilterReply.NEUTRAL;
            }
            return denied.computeIfAbsent(logger.getName(), DenySecretBearing::isSecretBearing) ? FilterReply.DENY
                    : FilterReply.NEUTRAL;
        }

        private static boolean isSecretBearing(String name) {
            for (String secret : SECRET_BEARING_LOGGERS) {
                if (name.equals(secret) || name.startsWith(secret + ".")) {
                    return true;
                }
            }
            return false;
        }
    }
}
