package io.hublink.app;

/** Bad configuration: the message is one line naming the setting; start-up stops. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
