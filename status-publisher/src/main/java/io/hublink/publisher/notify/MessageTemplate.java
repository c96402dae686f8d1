package io.hublink.publisher.notify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {placeholder}}s, checked once against the placeholders its kind of notification offers. Filling
 * it is one pass: values are inserted as they are, never read again for placeholders.
 */
public final class MessageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

    private final String text;
    private final List<String> placeholders;

    private MessageTemplate(String text, List<String> placeholders) {
        this.text = text;
        this.placeholders = placeholders;
    }

    /**
     * Parses {@code text}; an {@link IllegalArgumentException} names the first problem: an unknown placeholder (with
     * the ones offered), or a brace that opens or closes no placeholder.
     */
    public static MessageTemplate parse(String text, Set<String> offered) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            if (!offered.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "} (here: "
                        + String.join(", ", offered.stream().sorted().map(p -> "{" + p + "}").toList()) + ")");
            }
            found.add(name);
            rest.append(text, last, m.start());
            last = m.end();
        }
        rest.append(text.substring(last));
        if (rest.indexOf("{") >= 0 || rest.indexOf("}") >= 0) {
            throw new IllegalArgumentException("has a '{' or '}' that is not part of a {placeholder}");
        }
        return new MessageTemplate(text, Collections.unmodifiableList(found));
    }

    /** The text with each placeholder replaced by its value (empty when the value is unknown). */
    public String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public List<String> placeholders() {
        return placeholders;
    }

    @Override
    public String toString() {
        return text;
    }
}
