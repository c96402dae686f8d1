package io.hublink.ops;

/**
 * Where the ops port listens.
 *
 * @param host the interface to bind; {@code 0.0.0.0} (every interface) by default, so Prometheus in another container
 *             can scrape it
 * @param port 0 for any free port
 */
public record OpsServerSettings(String host, int port) {

    public static final String ALL_INTERFACES = "0.0.0.0";

    public OpsServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("ops host: missing");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ops-port: must be 0 (any free port) to 65535, was " + port);
        }
    }

    public static OpsServerSettings onPort(int port) {
        return new OpsServerSettings(ALL_INTERFACES, port);
    }

    public OpsServerSettings withHost(String value) {
        return new OpsServerSettings(value, port);
    }
}
