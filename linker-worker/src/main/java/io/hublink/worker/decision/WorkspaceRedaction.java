package io.hublink.worker.decision;

import java.util.Locale;

/**
 * Makes a workspace input that could not be normalised safe to carry in an outcome. People paste tokens into the
 * wrong field, so anything that looks like a token becomes {@value #REDACTED}; everything else loses its control
 * characters and is cut to {@value #MAX_CODE_POINTS} characters.
 */
public final class WorkspaceRedaction {

    public static final String REDACTED = "[redacted]";
    static final int MAX_CODE_POINTS = 64;
    /** Shorter runs are names or ids; tokens and OAuth client ids/secrets are longer. */
    private static final int TOKEN_LIKE_RUN = 24;

    private WorkspaceRedaction() {
    }

    public static String redact(String typed) {
        if (typed == null) {
            return "";
        }
        if (looksLikeToken(typed)) {
            return REDACTED;
        }
        StringBuilder out = new StringBuilder();
        int kept = 0;
        for (int i = 0; i < typed.length() && kept < MAX_CODE_POINTS; ) {
            int cp = typed.codePointAt(i);
            i += Character.charCount(cp);
            if (!isControl(cp)) {
                out.appendCodePoint(cp);
                kept++;
            }
        }
        return out.toString();
    }

    static boolean looksLikeToken(String typed) {
        String text = typed.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("pk_") || lower.startsWith("bearer") || lower.startsWith("authorization")) {
            return true;
        }
        if (text.length() < TOKEN_LIKE_RUN) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tokenChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
            if (!tokenChar) {
                return false;
            }
        }
        return true;
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
