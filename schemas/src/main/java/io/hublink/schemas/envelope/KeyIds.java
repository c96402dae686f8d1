package io.hublink.schemas.envelope;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** Makes and prints key ids. */
final class KeyIds {

    private KeyIds() {
    }

    /** A fresh id like {@code k-20261203-3fa9c1}: the UTC creation date, for operators, and 24 random bits. */
    static String next(Set<String> taken, Clock clock, SecureRandom random) {
        String date = LocalDate.now(clock).format(DateTimeFormatter.BASIC_ISO_DATE);
        while (true) {
            String id = String.format("k-%s-%06x", date, random.nextInt(1 << 24));
            if (!taken.contains(id)) {
                return id;
            }
        }
    }

    /** An id read from an untrusted envelope, safe for one log line: control characters become '?'. */
    static String printable(String id) {
        StringBuilder out = new StringBuilder(id.length());
        id.codePoints().forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate((char) c) ? '?' : c));
        return out.toString();
    }
}
