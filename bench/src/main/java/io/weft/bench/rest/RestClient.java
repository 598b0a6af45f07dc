package io.weft.bench.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weft.bench.fabric.Fabric;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the controller's REST API ({@code /api/v1/...}) with the admin bearer token, over
 * HTTP/1.1. One client is one connection at a time; give each concurrent user its own.
 */
public final class RestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http;

    public RestClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    public URI base() {
        return base;
    }

    /** The bearer token, for another client of the same API. */
    public String token() {
        return token;
    }

    /** A GET of {@code path} with the token, ready to send many times. */
    public HttpRequest request(String path) {
        return builder(path).GET().build();
    }

    /** A POST of the JSON {@code body} to {@code path} with the token. */
    public HttpRequest post(String path, String body) {
        return builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** A DELETE of {@code path} with the token. */
    public HttpRequest delete(String path) {
        return builder(path).DELETE().build();
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    /** Sends {@code request} and reads the whole body; the status code is the caller's to judge. */
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET {@code path}, which must answer 200 with JSON. */
    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(request(path));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    /** The links {@code GET /api/v1/links} reports, as {@link Fabric#linkKey} strings. */
    public Set<String> links() throws IOException, InterruptedException {
        return linkKeys(getJson("/api/v1/links"));
    }

    /** How many items the list at {@code path} holds ({@code {"<field>": [...]}}). */
    public int count(String path, String field) throws IOException, InterruptedException {
        JsonNode list = getJson(path).path(field);
        if (!list.isArray()) {
            throw new IOException("GET " + path + " has no list '" + field + "'");
        }
        return list.size();
    }

    static Set<String> linkKeys(JsonNode body) throws IOException {
        JsonNode links = body.path("links");
        if (!links.isArray()) {
            throw new IOException("GET /api/v1/links has no list 'links'");
        }
        Set<String> keys = new HashSet<>();
        for (JsonNode link : links) {
            JsonNode src = link.path("src");
            JsonNode dst = link.path("dst");
            keys.add(Fabric.linkKey(src.path("device").asText(), src.path("port").asLong(),
                    dst.path("device").asText(), dst.path("port").asLong()));
        }
        return keys;
    }

    /** Closes its connection. */
    @Override
    public void close() {
        http.close();
    }
}
