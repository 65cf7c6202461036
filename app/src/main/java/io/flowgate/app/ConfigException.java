package io.flowgate.app;

/** A configuration value that cannot be used; its message is one line naming the variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
