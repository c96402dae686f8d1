package io.hublink.app.commands;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The default {@code --instance-id}: the host name, stable across restarts of a container or machine. */
final class InstanceId {

    private InstanceId() {
    }

    static String orHostName(String given) {
        if (given != null && !given.isBlank()) {
            if (!given.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("instance-id: use 1 to 100 letters, digits, '.', '_' or '-'; was " + given);
            }
            return given;
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("instance-id: missing and the host name is unknown; pass --instance-id");
        }
    }
}
