package io.weft.controller.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Calls the REST API: JSON in and out, and every failure turned into a {@link ClientException}
 * with a message a person can act on, the API's own when it gave one.
 */
final class RestClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ClientSettings settings;
    private final HttpClient http;

    RestClient(ClientSettings settings) {
        this.settings = settings;
        // HTTP/1.1: one plain connection per request, streams included; nothing to negotiate.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** {@code /api/v1/} and the segments, each escaped: names from the command line go into paths safely. */
    static String path(String... segments) {
        return "/api/v1/" + Arrays.stream(segments).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")).collect(Collectors.joining("/"));
    }

    URI url() {
        return settings.url();
    }

    JsonNode get(String path) {
        return json(send(request(path).GET(), path));
    }

    JsonNode post(String path, JsonNode body) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return json(send(request, path));
    }

    void delete(String path) {
        send(request(path).DELETE(), path);
    }

    /**
     * Opens {@code path} as a stream of lines, which lasts as long as the server keeps it open;
     * the status has been checked.
     */
    Stream<String> lines(String path, Optional<String> lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url().resolve(settings.url().getPath() + path))
                .header("Accept", "text/event-stream").GET();
        settings.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.CONNECTION, "interrupted");
        }
        if (response.statusCode() >= 400) {
            String body = response.body().collect(Collectors.joining("\n"));
            throw refused(response.statusCode(), body, path);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url().resolve(settings.url().getPath() + path))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        settings.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }

    private String send(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.CONNECTION, "interrupted");
        }
        if (response.statusCode() >= 400) {
            throw refused(response.statusCode(), response.body(), path);
        }
        return response.body();
    }

    /** The API's own message, which names what was wrong; for 401 also where a token comes from. */
    private ClientException refused(int status, String body, String path) {
        String message;
        try {
            JsonNode error = MAPPER.readTree(body);
            message = error.path("message").asText("");
        } catch (JsonProcessingException e) {
            message = "";
        }
        if (message.isEmpty()) {
            message = "the controller answered " + path + " with HTTP " + status
                    + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length())).strip());
        } else {
            message = message + " (HTTP " + status + ")";
        }
        if (status == 401) {
            message += "; give a token with --token, $" + ClientSettings.TOKEN_ENV + " or 'token:' in the client"
                    + " config";
        }
        return new ClientException(ClientException.API_ERROR, message);
    }

    private ClientException unreachable(IOException e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "cannot connect to " + settings.url() + ": no answer within " + CONNECT_TIMEOUT.toSeconds() + "s";
        } else if (e instanceof HttpTimeoutException) {
            why = "the controller at " + settings.url() + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + "s";
        } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            why = "cannot connect to " + settings.url() + " (is the controller running? --url, $"
                    + ClientSettings.URL_ENV + " or 'url:' in the client config say where it is)";
        } else {
            why = "lost the connection to " + settings.url() + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage());
        }
        return new ClientException(ClientException.CONNECTION, why);
    }

    private static JsonNode json(String body) {
        if (body.isEmpty()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ClientException(ClientException.API_ERROR, "the controller's answer is not JSON: "
                    + e.getOriginalMessage());
        }
    }
}
