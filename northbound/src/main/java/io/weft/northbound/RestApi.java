package io.weft.northbound;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Route;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.metrics.Counters;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.FlowRuleService;
import io.weft.topology.device.DeviceService;
import io.weft.topology.host.HostService;
import io.weft.topology.link.LinkService;
import io.weft.topology.path.TopologyService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;

/**
 * The REST API server: JSON under {@code /api/v1} and Prometheus metrics at {@code /metrics},
 * every request but {@code GET /api/v1/health} behind the admin token.
 *
 * <p>Every request is counted as {@code api.requests}; every refusal as
 * {@code api.refused.<error>} ({@code unauthorized}, {@code bad_request}, {@code not_found},
 * {@code method_not_allowed}, ...). The handlers only read in-memory state, so they run on
 * Armeria's event loops.
 */
public final class RestApi implements AutoCloseable {
    static final String HEALTH = "/api/v1/health";
    /** The API reads and never accepts a body; anything bigger than this is refused unread. */
    private static final long MAX_REQUEST_BYTES = 16 * 1024;

    /** One served route: a GET path, written as the OpenAPI document writes it, and its handler. */
    private record Endpoint(String path, HttpService handler) {
    }

    private final ApiConfig config;
    private final Server server;

    public RestApi(ApiConfig config, String adminToken, DeviceService devices, LinkService links,
                   HostService hosts, TopologyService topology, FlowRuleService flowRules, List<AppId> apps,
                   Counters counters) {
        this.config = config;
        DeviceResource deviceResource = new DeviceResource(devices);
        FlowResource flowResource = new FlowResource(devices, flowRules, apps);
        MetricsResource metrics = new MetricsResource(counters);
        OpenApiResource openApi = new OpenApiResource();
        List<Endpoint> endpoints = List.of(
                new Endpoint(HEALTH, RestApi::health),
                new Endpoint("/api/v1/openapi.json", openApi::get),
                new Endpoint("/api/v1/devices", deviceResource::list),
                new Endpoint("/api/v1/devices/{id}", deviceResource::one),
                new Endpoint("/api/v1/devices/{id}/flows", flowResource::list),
                new Endpoint("/api/v1/links", new LinkResource(links)::list),
                new Endpoint("/api/v1/hosts", new HostResource(hosts)::list),
                new Endpoint("/api/v1/paths/{src}/{dst}", new PathResource(devices, hosts, topology)::find),
                new Endpoint("/metrics", metrics::scrape));

        ServerBuilder builder = Server.builder()
                .http(new InetSocketAddress(config.address(), config.port()))
                .errorHandler(new JsonErrors(counters))
                .maxRequestLength(MAX_REQUEST_BYTES)
                .requestTimeout(Duration.ofSeconds(10))
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(1))
                .disableServerHeader();
        for (Endpoint endpoint : endpoints) {
            builder.route().get(endpoint.path()).build(endpoint.handler());
        }
        // Decorators run last-added first: count, then authenticate, then route to the handler.
        builder.decorator(new BearerAuth(adminToken, Set.of(HEALTH)));
        builder.decorator((delegate, ctx, req) -> {
            counters.increment("api.requests");
            // Topology and the token-protected answers change and must not sit in caches.
            ctx.addAdditionalResponseHeader(HttpHeaderNames.CACHE_CONTROL, "no-store");
            return delegate.serve(ctx, req);
        });
        this.server = builder.build();
    }

    /** Starts listening; returns the address bound (the chosen port when the config says 0). */
    public InetSocketAddress start() {
        try {
            server.start().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("REST API cannot listen on " + config.address() + ":"
                    + config.port() + ": " + e.getCause().getMessage(), e.getCause());
        }
        return server.activePort().localAddress();
    }

    /** Stops listening and waits for requests in flight, briefly. */
    @Override
    public void close() {
        server.close();
    }

    /** {@code GET /api/v1/health} and the like, as Armeria serves them; for the OpenAPI drift test. */
    Set<String> servedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (ServiceConfig service : server.serviceConfigs()) {
            Route route = service.route();
            if (!route.isFallback()) {
                String path = route.patternString().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
                route.methods().stream().filter(m -> m != HttpMethod.HEAD)
                        .forEach(m -> routes.add(m + " " + path));
            }
        }
        return routes;
    }

    private static HttpResponse health(ServiceRequestContext ctx, HttpRequest req) {
        return Json.ok(Json.object().put("status", "ok"));
    }
}
