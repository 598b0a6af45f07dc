package io.weft.controller.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Which controller the client calls and with which token. Each comes from the first of: the
 * flag ({@code --url}, {@code --token}), the environment ({@code WEFT_URL}, {@code WEFT_TOKEN}),
 * the config file (YAML with {@code url} and {@code token}, the only keys it may have), and for
 * the URL the default {@code http://127.0.0.1:8181}. A config file named by
 * {@code --client-config} must exist; the default one may not.
 *
 * @param token empty when none was given: the API then answers 401, and the message says where to give one
 */
public record ClientSettings(URI url, Optional<String> token) {
    public static final String URL_ENV = "WEFT_URL";
    public static final String TOKEN_ENV = "WEFT_TOKEN";
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8181");
    private static final Set<String> FILE_KEYS = Set.of("url", "token");

    public ClientSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
    }

    /** The settings from the flags (null when not given), the context's environment and config file. */
    public static ClientSettings resolve(String urlFlag, String tokenFlag, Path configFlag, ClientContext context) {
        Map<String, String> file = configFlag != null ? read(configFlag, true)
                : read(context.defaultConfigFile(), false);
        String url = first(urlFlag, context.env().get(URL_ENV), file.get("url"));
        String token = first(tokenFlag, context.env().get(TOKEN_ENV), file.get("token"));
        return new ClientSettings(url == null ? DEFAULT_URL : parseUrl(url), Optional.ofNullable(token));
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    static URI parseUrl(String text) {
        try {
            URI url = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                    || url.getQuery() != null || url.getFragment() != null) {
                throw new URISyntaxException(text, "expected http://HOST[:PORT] or https://HOST[:PORT]");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ClientException(ClientException.USAGE, "the controller's URL '" + text
                    + "' is not one: expected http://HOST[:PORT] or https://HOST[:PORT], e.g. " + DEFAULT_URL);
        }
    }

    private static Map<String, String> read(Path file, boolean required) {
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new ClientException(ClientException.USAGE, "client config " + file + " does not exist");
            }
            return Map.of();
        } catch (IOException e) {
            throw new ClientException(ClientException.USAGE, "cannot read client config " + file + ": "
                    + e.getMessage());
        } catch (YAMLException e) {
            throw new ClientException(ClientException.USAGE, "client config " + file + " is not valid YAML: "
                    + e.getMessage());
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ClientException(ClientException.USAGE, "client config " + file
                    + ": expected keys url and token");
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!FILE_KEYS.contains(key)) {
                throw new ClientException(ClientException.USAGE, "client config " + file + ": unknown key '" + key
                        + "' (known: token, url)");
            }
            if (!(entry.getValue() instanceof String value) || value.isBlank()) {
                throw new ClientException(ClientException.USAGE, "client config " + file + ": '" + key
                        + "' must be a non-empty string (quote it if YAML would read it as something else)");
            }
            values.put(key, value);
        }
        return values;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ClientSettings[url=" + url + ", token=" + (token.isPresent() ? "(set)" : "(none)") + "]";
    }
}
