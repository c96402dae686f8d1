package io.hublink.worker.decision;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the Workspace ID in what a user typed: the digits themselves, or a ClickUp browser link that carries them
 * ({@code app.clickup.com/9012345678/home}, or {@code app.clickup.com/t/9012345678/PROJ-123} where a custom task id
 * follows). A plain task link ({@code app.clickup.com/t/86b0xyz}), a settings page, a workspace name or anything else
 * has no id in it: empty, which means WORKSPACE_ID_INVALID. Ids stay strings (they have 7 to 11+ digits).
 */
public final class WorkspaceInput {

    private static final Set<String> CLICKUP_HOSTS = Set.of("app.clickup.com", "clickup.com", "www.clickup.com");

    private WorkspaceInput() {
    }

    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String text = typed.strip();
        if (isAsciiDigits(text)) {
            return Optional.of(text);
        }
        return fromLink(text);
    }

    private static Optional<String> fromLink(String text) {
        String rest = text;
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            rest = rest.substring("https://".length());
        } else if (lower.startsWith("http://")) {
            rest = rest.substring("http://".length());
        }
        int cut = firstIndexOf(rest, '?', '#');
        if (cut >= 0) {
            rest = rest.substring(0, cut);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || !CLICKUP_HOSTS.contains(parts[0].toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (isAsciiDigits(parts[1])) {
            return Optional.of(parts[1]);
        }
        // app.clickup.com/t/<workspace id>/<custom task id>; app.clickup.com/t/<task id> alone names a task.
        boolean customTaskLink = parts[1].equals("t") && parts.length >= 4 && isAsciiDigits(parts[2])
                && !parts[3].isEmpty();
        return customTaskLink ? Optional.of(parts[2]) : Optional.empty();
    }

    private static int firstIndexOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
