package io.hublink.app.commands;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks {@code --clickup-url} at start-up rather than at the first request. */
final class ClickUpUrl {

    private ClickUpUrl() {
    }

    static URI parse(String text) {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("clickup-url: must be an http(s) URL such as https://api.clickup.com; was " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("clickup-url: not a URL: " + text);
        }
    }
}
