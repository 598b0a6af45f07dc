package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired controller starts, accepts a connection, refuses a hostile one cleanly, serves its API, and stops. */
class WeftTest {
    @TempDir
    Path dir;

    /** Everything on the loopback, on ports the system picks. */
    private WeftConfig localConfig() {
        return WeftConfig.DEFAULTS.withDataDir(dir.resolve("data"))
                .withOpenflow(WeftConfig.DEFAULTS.openflow().withAddress("127.0.0.1").withPort(0))
                .withApi(WeftConfig.DEFAULTS.api().withAddress("127.0.0.1").withPort(0));
    }

    private static HttpResponse<String> get(Weft weft, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + weft.apiAddress().getPort() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void servesTheApiWithATokenGeneratedIntoTheDataDirectoryAndKeptAcrossRestarts() throws Exception {
        Path tokenFile = dir.resolve("data").resolve(Weft.ADMIN_TOKEN_FILE);
        String token;
        Weft weft = new Weft(localConfig()).start();
        try {
            assertThat(weft.apiAddress().getPort()).isPositive();
            assertThat(get(weft, "/api/v1/health", null).body()).isEqualTo("{\"status\":\"ok\"}");
            token = Files.readString(tokenFile).strip();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(get(weft, "/api/v1/devices", null).statusCode()).isEqualTo(401);
            HttpResponse<String> devices = get(weft, "/api/v1/devices", token);
            assertThat(devices.statusCode()).isEqualTo(200);
            assertThat(devices.body()).isEqualTo("{\"devices\":[]}");
            assertThat(weft.counters().get("api.refused.unauthorized")).isEqualTo(1);
        } finally {
            weft.close();
        }
        Weft again = new Weft(localConfig()).start();
        try {
            assertThat(get(again, "/api/v1/links", token).statusCode()).isEqualTo(200);
        } finally {
            again.close();
        }
    }

    @Test
    void stoppingEndsEventStreamsWithALastEventSayingSo() throws Exception {
        String token = "configured-token-0123456789";
        Weft weft = new Weft(localConfig().withApi(localConfig().api().withAdminToken(token))).start();
        List<String> lines;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<java.util.stream.Stream<String>> events;
            try {
                events = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + weft.apiAddress().getPort() + "/api/v1/events")).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofLines());
                assertThat(events.statusCode()).isEqualTo(200);
                assertThat(weft.journal().subscribers()).isEqualTo(1);
            } finally {
                weft.close();
            }
            lines = events.body().toList();
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("event: ?end"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"reason\":\"shutdown\""));
    }

    @Test
    void aConfiguredTokenIsUsedAndNothingIsWritten() throws Exception {
        String token = "configured-token-0123456789";
        Weft weft = new Weft(localConfig().withApi(localConfig().api().withAdminToken(token))).start();
        try {
            assertThat(get(weft, "/api/v1/hosts", token).statusCode()).isEqualTo(200);
            assertThat(dir.resolve("data").resolve(Weft.ADMIN_TOKEN_FILE)).doesNotExist();
        } finally {
            weft.close();
        }
    }

    @Test
    void startsListensAndClosesOnlyTheHostileConnection() throws Exception {
        Weft weft = new Weft(localConfig()).start();
        try (Socket good = new Socket("127.0.0.1", weft.openflowAddress().getPort());
             Socket hostile = new Socket("127.0.0.1", weft.openflowAddress().getPort())) {
            InputStream in = hostile.getInputStream();
            // The controller speaks first: its HELLO (8-byte header and a 8-byte bitmap element).
            assertThat(in.readNBytes(16)).startsWith(0x06, 0x00, 0x00, 0x10);
            OutputStream out = hostile.getOutputStream();
            out.write(new byte[] {0x04, 0x00, 0x00, 0x04, 0, 0, 0, 1}); // length 4: below the header
            out.flush();
            assertThat(in.read()).isEqualTo(-1); // closed by the controller
            assertThat(weft.counters().get("openflow.closed.bad_length")).isEqualTo(1);
            assertThat(good.getInputStream().readNBytes(16)).hasSize(16);
            assertThat(good.isClosed()).isFalse();
        } finally {
            weft.close();
        }
        assertThat(dir.resolve("data")).isDirectory();
    }
}
