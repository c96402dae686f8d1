package io.hublink.worker.clickup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.hublink.schemas.logging.SecretLogging;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps HttpClient's loggers that print request headers or raw bytes (and so the token) off at every log level
 * (DESIGN "Secrets"). On Logback each is set to OFF and {@link SecretLogging} denies their events even if someone
 * sets a level on them later; call again after any Logback reconfiguration, which resets both. Without Logback nothing
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
        if (!SecretLogging.denyAlways(SECRET_BEARING_LOGGERS)) {
            return false;
        }
        Logback.setOff();
        return true;
    }

    /** Touches Logback types; loaded only once Logback is known to be present. */
    private static final class Logback {
        static void setOff() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            for (String name : SECRET_BEARING_LOGGERS) {
                context.getLogger(name).setLevel(Level.OFF);
            }
        }
    }
}
