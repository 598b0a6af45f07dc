package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Calls the API over real HTTP, as a person's script would. */
final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            // HTTP/1.1: the JDK client's h2c upgrade now and then misreads a large first answer.
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String token;

    ApiClient(InetSocketAddress address, String token) {
        this.base = "http://127.0.0.1:" + address.getPort();
        this.token = token;
    }

    /** GET with the admin token. */
    HttpResponse<String> get(String path) {
        return send("GET", path, Optional.of("Bearer " + token));
    }

    HttpResponse<String> send(String method, String path, Optional<String> authorization) {
        return send(method, path, authorization, null);
    }

    /** A request with {@code token} (admin or tenant) and, unless null, a JSON body. */
    HttpResponse<String> as(String token, String method, String path, String body) {
        return send(method, path, Optional.of("Bearer " + token), body);
    }

    HttpResponse<String> send(String method, String path, Optional<String> authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The status alone: the body is not read, so this also works for a response that does not
     * end by itself (an event stream), which is abandoned as soon as its headers arrive.
     */
    int status(String method, String path, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<InputStream> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with the admin token, which must succeed with JSON. */
    JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return parse(response.body());
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
