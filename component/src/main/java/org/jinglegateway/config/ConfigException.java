package org.jinglegateway.config;

/** A setting is unknown, missing or out of range. The message is one line that names the key. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String key, String problem) {
        super("config error: " + key + ": " + problem);
    }
}
