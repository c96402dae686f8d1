package io.hublink.publisher.webhooks;

import java.net.URI;
import java.util.Objects;

/**
 * Where one tenant's notifications are POSTed, and how they are signed. This record is where delivery meets the
 * webhooks file: any reader (see {@link WebhookEndpoints}) turns its entries into these. Its string form shows the
 * tenant and the URL's origin only (paths sometimes carry a receiver's own secret), never a signing secret.
 */
public record WebhookEndpoint(String tenantId, URI url, WebhookSigner signer) {

    public WebhookEndpoint {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(signer, "signer");
    }

    /** {@code scheme://host[:port]}: what logs may show of the URL. */
    public String origin() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[tenant=" + tenantId + ", " + origin() + "]";
    }
}
