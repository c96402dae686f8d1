package io.hublink.app;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.common.KafkaException;

/**
 * A failure's cause chain and stack frames for a developer's log, without the messages that could carry secrets.
 * Messages are kept only where their authors keep values out of them: Kafka's own exceptions (a password-type
 * setting prints as {@code [hidden]}) and hublink's configuration errors. Any other message (a JAAS parser's
 * "Value not specified for key 'X'", where X can be a piece of an unquoted password; an HTTP or JSON library quoting
 * its input) is withheld.
 */
final class SafeThrowables {

    private static final int MAX_CAUSES = 16;
    static final String WITHHELD = "[message withheld: it could quote input or a password]";

    private SafeThrowables() {
    }

    /** {@code Class: message} per cause, each followed by its stack frames, in the shape of a stack trace. */
    static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES && seen.add(t); depth++) {
            out.append(depth == 0 ? "" : "Caused by: ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                out.append(": ").append(messageSafe(t) ? t.getMessage() : WITHHELD);
            }
            out.append(System.lineSeparator());
            for (StackTraceElement frame : t.getStackTrace()) {
                out.append("\tat ").append(frame).append(System.lineSeparator());
            }
            t = t.getCause();
        }
        return out.toString();
    }

    /** The cause chain on one line: {@code message (IllegalArgumentException: [message withheld…])}. */
    static String oneLine(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES && seen.add(t); depth++) {
            String message = t.getMessage() == null ? "" : messageSafe(t) ? t.getMessage() : WITHHELD;
            out.append(depth == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName());
            if (!message.isEmpty()) {
                out.append(": ").append(message.replaceAll("\\s+", " "));
            }
            t = t.getCause();
        }
        return out.toString();
    }

    private static boolean messageSafe(Throwable t) {
        return t instanceof KafkaException || t instanceof ConfigurationException;
    }
}
