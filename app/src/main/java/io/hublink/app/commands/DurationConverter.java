package io.hublink.app.commands;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration flag: a whole number with a unit ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}) or ISO-8601
 * ({@code PT10S}). Zero and negative durations are refused.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": duration = Duration.ofMillis(amount); break;
                case "s": duration = Duration.ofSeconds(amount); break;
                case "m": duration = Duration.ofMinutes(amount); break;
                default: duration = Duration.ofHours(amount); break;
            }
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + text + "' is not a duration (use e.g. 500ms, 10s, 2m, 1h or PT10S)");
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + text + "' must be a positive duration");
        }
        return duration;
    }
}
