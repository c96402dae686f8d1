package io.hublink.app;

import io.hublink.pipeline.KafkaUnavailableException;
import io.hublink.worker.decision.WorkspaceRedaction;
import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * How failures reach the operator: one line, naming the setting, never a stack trace. Exit 2 for bad input or
 * configuration, 1 for everything else.
 */
public final class Errors {

    private static final Logger log = LoggerFactory.getLogger(Errors.class);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    /** An option's value or a bare argument: what lies between spaces, quotes and '='. */
    private static final Pattern WORD = Pattern.compile("[^\\s'=]+");

    public static final int BAD_INPUT = 2;
    public static final int FAILED = 1;

    private Errors() {
    }

    static int onBadParameters(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + redactQuotedTokens(e.getMessage().replace('\n', ' ')) + " (try --help)");
        err.flush();
        return BAD_INPUT;
    }

    /**
     * picocli quotes the arguments it cannot match ({@code Unmatched argument at index 1: 'pk_…'}), and people paste
     * tokens where they do not belong: a quoted word that looks like a token is shown as {@code [redacted]}.
     */
    static String redactQuotedTokens(String message) {
        Matcher quoted = QUOTED.matcher(message);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            Matcher words = WORD.matcher(quoted.group(1));
            StringBuilder inside = new StringBuilder();
            while (words.find()) {
                String word = words.group();
                words.appendReplacement(inside, Matcher.quoteReplacement(
                        WorkspaceRedaction.REDACTED.equals(WorkspaceRedaction.redact(word))
                                ? WorkspaceRedaction.REDACTED : word));
            }
            words.appendTail(inside);
            quoted.appendReplacement(out, Matcher.quoteReplacement("'" + inside + "'"));
        }
        quoted.appendTail(out);
        return out.toString();
    }

    static int onFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof ConfigurationException || e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof KafkaUnavailableException) {
            err.println("error: " + e.getMessage());
            err.flush();
            return FAILED;
        }
        // Unexpected: the class tells a developer where to look. Messages could carry input or a password (a JAAS
        // parser quotes pieces of the config), so only those known to be safe reach even the DEBUG log.
        if (log.isDebugEnabled()) {
            log.debug("unexpected failure:{}{}", System.lineSeparator(), SafeThrowables.describe(e));
        }
        err.println("error: unexpected " + e.getClass().getName() + " (run with --log-level DEBUG for details)");
        err.flush();
        return FAILED;
    }
}
