package io.weft.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The controller's REST API as the lab reads it: devices, links, hosts, paths and metrics,
 * with the admin token. Only the fields the lab checks are read; the API may return more.
 * Tenants and their virtual networks go through {@link #get}, {@link #post} and
 * {@link #delete}, with the admin's token or, from {@link #withToken}, a tenant's.
 */
public final class WeftApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String token;
    private final HttpClient http;

    public WeftApi(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                // HTTP/1.1: the JDK client's h2c upgrade now and then misreads a large first answer.
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A switch port as the API names it. */
    public record ConnectPoint(String device, int port) {
        @Override
        public String toString() {
            return device + "/" + port;
        }
    }

    /** A directed link, one direction of a cable. */
    public record Link(ConnectPoint src, ConnectPoint dst) {
        public boolean touches(ConnectPoint point) {
            return src.equals(point) || dst.equals(point);
        }

        @Override
        public String toString() {
            return src + "->" + dst;
        }
    }

    public record Port(int number, String name, boolean up) {
    }

    public record Device(String id, boolean available, String protocol, List<Port> ports) {
        public Device {
            ports = List.copyOf(ports);
        }
    }

    /** A host; {@code location} is empty if the API gave none. */
    public record Host(String mac, int vlan, List<String> ips, Optional<ConnectPoint> location) {
        public Host {
            ips = List.copyOf(ips);
        }
    }

    /** The same API with another bearer token: a tenant's. */
    public WeftApi withToken(String otherToken) {
        return new WeftApi(base, otherToken);
    }

    /** {@code GET path}, which must answer 200; its JSON body. */
    public JsonNode get(String path) {
        return getJson(path);
    }

    /** {@code POST path} with a JSON body, which must answer 201; the JSON it answers. */
    public JsonNode post(String path, String body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), true);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " " + body + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return parse("POST " + path, response.body());
    }

    /** {@code DELETE path}, which must answer 204. */
    public void delete(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), true);
        if (response.statusCode() != 204) {
            throw new IllegalStateException("DELETE " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** {@code GET /api/v1/health}, without credentials: the HTTP status. */
    public int health() {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/health")).GET(), false).statusCode();
    }

    public List<Device> devices() {
        return parseDevices(getJson("/api/v1/devices"));
    }

    public List<Link> links() {
        return parseLinks(getJson("/api/v1/links").path("links"));
    }

    public List<Host> hosts() {
        return parseHosts(getJson("/api/v1/hosts"));
    }

    /** The links of the path the controller computes from {@code src} to {@code dst} (device ids or host MACs). */
    public List<Link> path(String src, String dst) {
        return parsePath(getJson("/api/v1/paths/" + src + "/" + dst));
    }

    /** {@code GET /metrics}, the Prometheus text, read into samples. */
    public Metrics metrics() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/metrics")).GET(), true);
        requireOk("/metrics", response);
        return Metrics.parse(response.body());
    }

    static List<Device> parseDevices(JsonNode body) {
        List<Device> devices = new ArrayList<>();
        for (JsonNode device : body.path("devices")) {
            List<Port> ports = new ArrayList<>();
            for (JsonNode port : device.path("ports")) {
                ports.add(new Port(port.path("port").asInt(), port.path("name").asText(), port.path("up").asBoolean()));
            }
            devices.add(new Device(device.path("id").asText(), device.path("available").asBoolean(),
                    device.path("protocol").asText(), ports));
        }
        return devices;
    }

    static List<Link> parseLinks(JsonNode links) {
        List<Link> parsed = new ArrayList<>();
        for (JsonNode link : links) {
            parsed.add(new Link(connectPoint(link.path("src")), connectPoint(link.path("dst"))));
        }
        return parsed;
    }

    static List<Host> parseHosts(JsonNode body) {
        List<Host> hosts = new ArrayList<>();
        for (JsonNode host : body.path("hosts")) {
            List<String> ips = new ArrayList<>();
            host.path("ips").forEach(ip -> ips.add(ip.asText()));
            JsonNode location = host.path("location");
            hosts.add(new Host(host.path("mac").asText(), host.path("vlan").asInt(), ips,
                    location.isObject() ? Optional.of(connectPoint(location)) : Optional.empty()));
        }
        return hosts;
    }

    /**
     * A path's links: the first {@code links} array found, depth first, so that both a bare
     * {@code {"links":[...]}} and a list of alternatives ({@code {"paths":[{"links":[...]}]}})
     * give the path the controller would use.
     */
    static List<Link> parsePath(JsonNode body) {
        return firstLinks(body).orElseThrow(() -> new IllegalStateException("no links in the path " + body));
    }

    private static Optional<List<Link>> firstLinks(JsonNode node) {
        if (node.path("links").isArray()) {
            return Optional.of(parseLinks(node.path("links")));
        }
        for (JsonNode child : node) {
            Optional<List<Link>> found = firstLinks(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static ConnectPoint connectPoint(JsonNode point) {
        return new ConnectPoint(point.path("device").asText(), point.path("port").asInt());
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)).GET()
                .header("Accept", "application/json"), true);
        requireOk(path, response);
        return parse("GET " + path, response.body());
    }

    private static JsonNode parse(String request, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(request + " answered something not JSON: " + body, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean authorized) {
        request.timeout(REQUEST_TIMEOUT);
        if (authorized) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach the controller's API at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the controller's API", e);
        }
    }

    private static void requireOk(String path, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    @Override
    public String toString() {
        return "WeftApi " + base;
    }

    /** For tests of the parsers: a body as the API would send it. */
    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(body, e);
        }
    }
}
