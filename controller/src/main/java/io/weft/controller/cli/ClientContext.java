package io.weft.controller.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the client takes from the world outside its command line, so tests can give their own:
 * the environment, where the config file is when {@code --client-config} names none, and how
 * long {@code weft watch} waits before reconnecting.
 */
public record ClientContext(Map<String, String> env, Path defaultConfigFile, Duration retryDelay) {
    public ClientContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(defaultConfigFile, "defaultConfigFile");
        Objects.requireNonNull(retryDelay, "retryDelay");
    }

    /** The process's environment; the config file under {@code $XDG_CONFIG_HOME} or {@code ~/.config}. */
    public static ClientContext system() {
        Map<String, String> env = System.getenv();
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path base = xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg);
        return new ClientContext(env, base.resolve("weft").resolve("client.yaml"), Duration.ofSeconds(1));
    }
}
