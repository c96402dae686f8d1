package io.hublink.app.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replay's TIME: ISO-8601 ({@code 2026-12-01T00:00:00Z}) or relative to now ({@code 90m}, {@code 12h}, {@code 7d}). */
public final class ReplayTime {

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhd])");

    private ReplayTime() {
    }

    public static Instant parse(String option, String text, Clock clock) {
        Matcher relative = RELATIVE.matcher(text.trim());
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration ago;
            switch (relative.group(2)) {
                case "s": ago = Duration.ofSeconds(amount); break;
                case "m": ago = Duration.ofMinutes(amount); break;
                case "h": ago = Duration.ofHours(amount); break;
                default: ago = Duration.ofDays(amount); break;
            }
            return clock.instant().minus(ago);
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": expected ISO-8601 (2026-12-01T00:00:00Z) or a relative time"
                    + " such as 90m, 12h, 7d; was " + text);
        }
    }
}
