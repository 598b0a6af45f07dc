package io.weft.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the client's server and token come from: the flag, then the environment, then the file, then the default. */
class ClientSettingsTest {
    private static final Map<String, String> ENV = Map.of("WEFT_URL", "http://env.example:1", "WEFT_TOKEN",
            "env-token");

    @TempDir
    Path dir;

    private ClientContext context(Map<String, String> env) {
        return new ClientContext(env, dir.resolve("client.yaml"), Duration.ofMillis(1));
    }

    private Path defaultFile(String yaml) throws IOException {
        return Files.writeString(dir.resolve("client.yaml"), yaml);
    }

    @Test
    void theFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        defaultFile("url: http://file.example:3\ntoken: file-token\n");
        assertThat(ClientSettings.resolve("http://flag.example:2/", "flag-token", null, context(ENV)))
                .isEqualTo(new ClientSettings(URI.create("http://flag.example:2"), Optional.of("flag-token")));
        assertThat(ClientSettings.resolve(null, null, null, context(ENV)))
                .isEqualTo(new ClientSettings(URI.create("http://env.example:1"), Optional.of("env-token")));
        assertThat(ClientSettings.resolve(null, null, null, context(Map.of("WEFT_TOKEN", ""))))
                .as("an empty variable counts as unset")
                .isEqualTo(new ClientSettings(URI.create("http://file.example:3"), Optional.of("file-token")));
        assertThat(ClientSettings.resolve(null, "flag-token", null, context(Map.of())))
                .as("each setting on its own").isEqualTo(new ClientSettings(URI.create("http://file.example:3"),
                        Optional.of("flag-token")));
    }

    @Test
    void withNothingGivenTheDefaultUrlAndNoToken() {
        ClientSettings settings = ClientSettings.resolve(null, null, null, context(Map.of()));
        assertThat(settings.url()).isEqualTo(URI.create("http://127.0.0.1:8181"));
        assertThat(settings.token()).isEmpty();
        assertThat(new ClientSettings(settings.url(), Optional.of("secret-token")).toString())
                .doesNotContain("secret-token");
    }

    @Test
    void aNamedConfigFileReplacesTheDefaultOneAndMustExist() throws IOException {
        defaultFile("token: default-file-token\n");
        Path named = Files.writeString(dir.resolve("other.yaml"), "token: named-file-token\n");
        assertThat(ClientSettings.resolve(null, null, named, context(Map.of())).token()).contains("named-file-token");
        assertThatThrownBy(() -> ClientSettings.resolve(null, null, dir.resolve("missing.yaml"), context(Map.of())))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ClientException.USAGE);
                    assertThat(e.getMessage()).contains("missing.yaml does not exist");
                });
    }

    @Test
    void theConfigFileIsStrictAndTheUrlMustBeOne() throws IOException {
        defaultFile("url: http://x:1\ntokn: typo\n");
        assertThatThrownBy(() -> ClientSettings.resolve(null, null, null, context(Map.of())))
                .hasMessageContaining("unknown key 'tokn' (known: token, url)");
        defaultFile("token: 12345\n");
        assertThatThrownBy(() -> ClientSettings.resolve(null, null, null, context(Map.of())))
                .hasMessageContaining("'token' must be a non-empty string");
        defaultFile("[not, a, map]\n");
        assertThatThrownBy(() -> ClientSettings.resolve(null, null, null, context(Map.of())))
                .hasMessageContaining("expected keys url and token");
        Files.delete(dir.resolve("client.yaml"));
        assertThatThrownBy(() -> ClientSettings.resolve("ftp://x", null, null, context(Map.of())))
                .isInstanceOfSatisfying(ClientException.class, e ->
                        assertThat(e.exitCode()).isEqualTo(ClientException.USAGE))
                .hasMessageContaining("'ftp://x' is not one");
    }
}
