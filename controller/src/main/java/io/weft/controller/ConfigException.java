package io.weft.controller;

/** Config that cannot be used; the message names the key and says what is wrong. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
