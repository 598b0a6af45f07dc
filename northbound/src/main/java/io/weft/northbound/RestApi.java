package io.weft.northbound;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Route;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.metrics.Counters;
import io.weft.northbound.events.EventJournal;
import io.weft.northbound.grpc.GrpcApi;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.ServiceException;
import io.weft.northbound.service.Services;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.stats.LatestStats;
import io.weft.topology.device.DeviceService;
import io.weft.topology.host.HostService;
import io.weft.topology.link.LinkService;
import io.weft.topology.path.TopologyService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;

/**
 * The northbound server: the REST API, JSON under {@code /api/v1} and Prometheus metrics at
 * {@code /metrics}, and beside it on the same port (or on a port of its own, if configured) the
 * gRPC API ({@link GrpcApi}), both over one service layer. Every REST request but
 * {@code GET /api/v1/health} is behind a bearer token. The admin token reaches
 * everything; a tenant's token reaches only {@code /api/v1/tenants/{its id}/...} (and this API's
 * OpenAPI document): elsewhere it is refused with 403, and another tenant's resources answer it
 * 404, exactly as resources that do not exist.
 *
 * <p>Every request is counted as {@code api.requests}; every refusal as
 * {@code api.refused.<error>} ({@code unauthorized}, {@code forbidden}, {@code bad_request},
 * {@code not_found}, {@code method_not_allowed}, {@code conflict}, ...); gRPC calls count as
 * {@code grpc.*} instead. Reads answer from memory on Armeria's event loops; changes, which wait
 * for the store, on its blocking executor.
 */
public final class RestApi implements AutoCloseable {
    static final String HEALTH = "/api/v1/health";
    /** The largest body the API accepts; its bodies are a few fields each, anything bigger is refused unread. */
    private static final long MAX_REQUEST_BYTES = 16 * 1024;
    private static final String TENANT = "/api/v1/tenants/{t}";
    private static final String NETWORK = TENANT + "/networks/{n}";
    private static final String SWITCH = NETWORK + "/switches/{s}";

    /** Who may call a route: anyone, the admin only, or the admin and tenants (the handler sees which). */
    private enum Audience { PUBLIC, ADMIN, ANY }

    /** One served route: a method, a path written as the OpenAPI document writes it, and its handler. */
    private record Endpoint(HttpMethod method, String path, Audience audience, Handler handler) {
    }

    private final ApiConfig config;
    private final Server server;
    /** gRPC's own server, when the config gives it a port of its own. */
    private final Optional<Server> grpcServer;

    public RestApi(ApiConfig config, String adminToken, DeviceService devices, LinkService links,
                   HostService hosts, TopologyService topology, FlowRuleService flowRules, LatestStats stats,
                   List<AppId> apps, TenantServices tenants, EventJournal events, Counters counters) {
        this.config = config;
        Services services = Services.create(ApiConfig.checkToken(adminToken), devices, links, hosts, topology,
                flowRules, stats, apps, tenants.networks(), tenants.admin(), tenants.realization(), tenants.stats());
        BearerAuth auth = new BearerAuth(services.authenticator(), Set.of(HEALTH));
        List<Endpoint> endpoints = new ArrayList<>(physical(services.fabric(), counters));
        endpoints.addAll(virtual(services));
        endpoints.add(new Endpoint(HttpMethod.GET, "/api/v1/events", Audience.ANY,
                new EventResource(events, tenants.networks(), counters)::stream));

        GrpcApi grpc = new GrpcApi(services, events, EventViews::json, counters);
        ServerBuilder builder = Server.builder()
                .http(new InetSocketAddress(config.address(), config.port()))
                .errorHandler(grpc.errors().orElse(new JsonErrors(counters)))
                .maxRequestLength(MAX_REQUEST_BYTES)
                .requestTimeout(Duration.ofSeconds(10))
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(1))
                .disableServerHeader();
        for (Endpoint endpoint : endpoints) {
            builder.route().methods(endpoint.method()).path(endpoint.path()).build(guard(endpoint, auth));
        }
        if (config.separateGrpcPort()) {
            ServerBuilder own = Server.builder()
                    .http(new InetSocketAddress(config.address(), config.grpcPort().getAsInt()))
                    .errorHandler(grpc.errors())
                    .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(1))
                    .disableServerHeader();
            grpc.bind(own);
            this.grpcServer = Optional.of(own.build());
        } else {
            grpc.bind(builder);
            this.grpcServer = Optional.empty();
        }
        // Decorators run last-added first: count, then authenticate, then route to the handler. gRPC
        // calls pass by: they authenticate, count and answer errors the gRPC way (GrpcApi).
        builder.decorator(restOnly(auth));
        builder.decorator(restOnly((delegate, ctx, req) -> {
            counters.increment("api.requests");
            // Topology and the token-protected answers change and must not sit in caches.
            ctx.addAdditionalResponseHeader(HttpHeaderNames.CACHE_CONTROL, "no-store");
            // The whole request (bounded by MAX_REQUEST_BYTES) is read before any answer: over HTTP/2, an
            // answer sent while the client is still sending its body resets the stream, and clients report
            // that reset instead of the answer (a refusal would read as a broken connection).
            return HttpResponse.of(req.aggregate().thenApply(whole -> serve(delegate, ctx, whole.toHttpRequest())));
        }));
        this.server = builder.build();
    }

    /** A decorator for the REST routes (and unknown paths), which lets gRPC calls by untouched. */
    private static DecoratingHttpServiceFunction restOnly(DecoratingHttpServiceFunction decorator) {
        return (delegate, ctx, req) -> GrpcApi.serves(ctx.config()) ? delegate.serve(ctx, req)
                : decorator.serve(delegate, ctx, req);
    }

    /** The fabric as Weft sees it, for the admin: devices, links, hosts, paths, flow rules, metrics. */
    private static List<Endpoint> physical(FabricService fabric, Counters counters) {
        DeviceResource devices = new DeviceResource(fabric);
        FlowResource flows = new FlowResource(fabric);
        DeviceStatsResource deviceStats = new DeviceStatsResource(fabric);
        MetricsResource metrics = new MetricsResource(counters);
        OpenApiResource openApi = new OpenApiResource();
        LinkResource links = new LinkResource(fabric);
        HostResource hosts = new HostResource(fabric);
        PathResource paths = new PathResource(fabric);
        return List.of(
                new Endpoint(HttpMethod.GET, HEALTH, Audience.PUBLIC, (ctx, req, who) -> health()),
                new Endpoint(HttpMethod.GET, "/api/v1/openapi.json", Audience.ANY, plain(openApi::get)),
                new Endpoint(HttpMethod.GET, "/api/v1/devices", Audience.ADMIN, devices::list),
                new Endpoint(HttpMethod.GET, "/api/v1/devices/{id}", Audience.ADMIN, devices::one),
                new Endpoint(HttpMethod.GET, "/api/v1/devices/{id}/flows", Audience.ADMIN, flows::list),
                new Endpoint(HttpMethod.GET, "/api/v1/devices/{id}/stats", Audience.ADMIN, deviceStats::get),
                new Endpoint(HttpMethod.GET, "/api/v1/links", Audience.ADMIN, links::list),
                new Endpoint(HttpMethod.GET, "/api/v1/hosts", Audience.ADMIN, hosts::list),
                new Endpoint(HttpMethod.GET, "/api/v1/paths/{src}/{dst}", Audience.ADMIN, paths::find),
                new Endpoint(HttpMethod.GET, "/metrics", Audience.ADMIN, plain(metrics::scrape)));
    }

    /** Tenants and their virtual networks, for the admin and, each its own, for tenants. */
    private static List<Endpoint> virtual(Services services) {
        TenantAccess access = new TenantAccess(services.access());
        NetworkStatsResource stats = new NetworkStatsResource(services.stats(), access);
        TenantResource tenants = new TenantResource(services.tenants(), access);
        NetworkResource networks = new NetworkResource(services.networks(), access);
        VirtualLinkResource links = new VirtualLinkResource(services.links(), access);
        VirtualHostResource hosts = new VirtualHostResource(services.hosts(), access);
        HttpMethod get = HttpMethod.GET;
        HttpMethod post = HttpMethod.POST;
        HttpMethod delete = HttpMethod.DELETE;
        return List.of(
                new Endpoint(get, "/api/v1/tenants", Audience.ADMIN, tenants::list),
                new Endpoint(post, "/api/v1/tenants", Audience.ADMIN, tenants::create),
                new Endpoint(get, TENANT, Audience.ANY, tenants::one),
                new Endpoint(delete, TENANT, Audience.ANY, tenants::delete),
                new Endpoint(post, TENANT + "/tokens", Audience.ANY, tenants::issueToken),
                new Endpoint(delete, TENANT + "/tokens", Audience.ANY, tenants::revokeTokens),
                new Endpoint(get, TENANT + "/attachments", Audience.ANY, tenants::attachments),
                new Endpoint(post, TENANT + "/attachments", Audience.ANY, tenants::createAttachment),
                new Endpoint(get, TENANT + "/attachments/{a}", Audience.ANY, tenants::attachment),
                new Endpoint(delete, TENANT + "/attachments/{a}", Audience.ANY, tenants::deleteAttachment),
                new Endpoint(get, TENANT + "/networks", Audience.ANY, networks::list),
                new Endpoint(post, TENANT + "/networks", Audience.ANY, networks::create),
                new Endpoint(get, NETWORK, Audience.ANY, networks::one),
                new Endpoint(delete, NETWORK, Audience.ANY, networks::delete),
                new Endpoint(get, NETWORK + "/topology", Audience.ANY, networks::topology),
                new Endpoint(get, NETWORK + "/ports", Audience.ANY, networks::ports),
                new Endpoint(post, NETWORK + "/ports", Audience.ANY, networks::addBigSwitchPort),
                new Endpoint(get, NETWORK + "/ports/{p}", Audience.ANY, networks::bigSwitchPort),
                new Endpoint(delete, NETWORK + "/ports/{p}", Audience.ANY, networks::removeBigSwitchPort),
                new Endpoint(get, NETWORK + "/switches", Audience.ANY, networks::switches),
                new Endpoint(post, NETWORK + "/switches", Audience.ANY, networks::addSwitch),
                new Endpoint(get, SWITCH, Audience.ANY, networks::oneSwitch),
                new Endpoint(delete, SWITCH, Audience.ANY, networks::removeSwitch),
                new Endpoint(get, SWITCH + "/ports", Audience.ANY, networks::switchPorts),
                new Endpoint(post, SWITCH + "/ports", Audience.ANY, networks::addSwitchPort),
                new Endpoint(get, SWITCH + "/ports/{p}", Audience.ANY, networks::switchPort),
                new Endpoint(delete, SWITCH + "/ports/{p}", Audience.ANY, networks::removeSwitchPort),
                new Endpoint(get, NETWORK + "/links", Audience.ANY, links::list),
                new Endpoint(post, NETWORK + "/links", Audience.ANY, links::add),
                new Endpoint(get, NETWORK + "/links/{link}", Audience.ANY, links::one),
                new Endpoint(delete, NETWORK + "/links/{link}", Audience.ANY, links::remove),
                new Endpoint(get, NETWORK + "/hosts", Audience.ANY, hosts::list),
                new Endpoint(post, NETWORK + "/hosts", Audience.ANY, hosts::declare),
                new Endpoint(get, NETWORK + "/hosts/{mac}", Audience.ANY, hosts::one),
                new Endpoint(delete, NETWORK + "/hosts/{mac}", Audience.ANY, hosts::remove),
                new Endpoint(get, NETWORK + "/stats", Audience.ANY, stats::get));
    }

    private static HttpResponse serve(HttpService service, ServiceRequestContext ctx, HttpRequest req) {
        try {
            return service.serve(ctx, req);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** A handler that does not need to know who is asking. */
    private static Handler plain(HttpService service) {
        return (ctx, req, who) -> service.serve(ctx, req);
    }

    /** The handler behind its audience: a tenant's token on an admin route is refused with 403. */
    private static HttpService guard(Endpoint endpoint, BearerAuth auth) {
        return (ctx, req) -> {
            if (endpoint.audience() == Audience.PUBLIC) {
                return endpoint.handler().serve(ctx, req, Principal.ADMIN);
            }
            Principal who = auth.principal(req);
            if (endpoint.audience() == Audience.ADMIN && !who.isAdmin()) {
                throw ServiceException.forbidden("this resource is the admin's; a tenant's token reaches only"
                        + " /api/v1/tenants/{its tenant}/...");
            }
            return endpoint.handler().serve(ctx, req, who);
        };
    }

    /** Starts listening; returns the REST address bound (the chosen port when the config says 0). */
    public InetSocketAddress start() {
        listen(server, "REST API", config.port());
        grpcServer.ifPresent(own -> listen(own, "gRPC API", config.grpcPort().getAsInt()));
        return server.activePort().localAddress();
    }

    private void listen(Server which, String what, int port) {
        try {
            which.start().join();
        } catch (CompletionException e) {
            throw new IllegalStateException(what + " cannot listen on " + config.address() + ":" + port + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Where the gRPC API listens, once started: the REST address, unless it has a port of its own. */
    public InetSocketAddress grpcAddress() {
        return grpcServer.orElse(server).activePort().localAddress();
    }

    /** Stops listening and waits for requests in flight, briefly. */
    @Override
    public void close() {
        grpcServer.ifPresent(Server::close);
        server.close();
    }

    /** {@code GET /api/v1/health} and the like, as Armeria serves them (gRPC aside); for the OpenAPI drift test. */
    Set<String> servedRoutes() {
        Set<String> routes = new TreeSet<>();
        for (ServiceConfig service : server.serviceConfigs()) {
            Route route = service.route();
            if (!route.isFallback() && !GrpcApi.serves(service)) {
                String path = route.patternString().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
                route.methods().stream().filter(m -> m != HttpMethod.HEAD)
                        .forEach(m -> routes.add(m + " " + path));
            }
        }
        return routes;
    }

    private static HttpResponse health() {
        return Json.ok(Json.object().put("status", "ok"));
    }
}
