package io.weft.northbound.grpc;

import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceBindingBuilder;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.weft.metrics.Counters;
import io.weft.northbound.events.EventJournal;
import io.weft.northbound.service.Services;
import java.util.Set;

/**
 * The gRPC API: {@code weft.v1.Tenants}, {@code VirtualNetworks}, {@code Topology} and
 * {@code Flows} over the service layer, {@code Events} over the event journal, with the standard health service
 * ({@code grpc.health.v1.Health}, following the server's health) and server reflection
 * ({@code grpc.reflection.v1.ServerReflection}), both public; everything else needs a bearer
 * token ({@link GrpcAuth}). Reads of the fabric answer from memory on Armeria's event loops;
 * the services that change tenants and networks, which wait for the durable store, are
 * {@code @Blocking}: their calls run on its blocking executor. The event watch never blocks: it
 * sends from memory on its call's event loop, as fast as the client reads ({@link Watch}).
 *
 * <p>Messages are bounded both ways: a request over {@link #MAX_REQUEST_MESSAGE_BYTES} ends
 * RESOURCE_EXHAUSTED unread; answers are bounded by {@link #MAX_RESPONSE_MESSAGE_BYTES} (a large
 * flow table is the largest; grpc-java clients accept 4 MiB unless told more).
 */
public final class GrpcApi {
    /** Requests are a few fields each; the largest, a host with its addresses, is well under 1 KiB. */
    public static final int MAX_REQUEST_MESSAGE_BYTES = 16 * 1024;
    public static final int MAX_RESPONSE_MESSAGE_BYTES = 16 * 1024 * 1024;
    /**
     * The HTTP body of a call, above the message limit so that an oversized message is refused by
     * the gRPC framing, with RESOURCE_EXHAUSTED, rather than by HTTP, which clients would report as UNKNOWN.
     */
    private static final long MAX_REQUEST_BYTES = 4L * MAX_REQUEST_MESSAGE_BYTES;
    private static final Set<String> PUBLIC_SERVICES = Set.of(HealthGrpc.SERVICE_NAME,
            ServerReflectionGrpc.SERVICE_NAME);

    private final GrpcService service;
    private final GrpcCounting counting;

    /** @param json an event's JSON as REST's event stream sends it, which the watch carries */
    public GrpcApi(Services services, EventJournal events, EventJson json, Counters counters) {
        this.counting = new GrpcCounting(counters);
        this.service = GrpcService.builder()
                .addService(new TenantsGrpcService(services.tenants()))
                .addService(new VirtualNetworksGrpcService(services.networks(), services.links(), services.hosts(),
                        services.stats()))
                .addService(new TopologyGrpcService(services.fabric()))
                .addService(new FlowsGrpcService(services.fabric()))
                .addService(new EventsGrpcService(events, services.authenticator(), json, counters))
                .addService(ProtoReflectionServiceV1.newInstance())
                .enableHealthCheckService(true)
                .intercept(new GrpcAuth(services.authenticator(), PUBLIC_SERVICES))
                .maxRequestMessageLength(MAX_REQUEST_MESSAGE_BYTES)
                .maxResponseMessageLength(MAX_RESPONSE_MESSAGE_BYTES)
                .exceptionHandler(new GrpcStatuses())
                .build();
    }

    /** Serves the API on a server being built, beside whatever else it serves, every call counted. */
    public void bind(ServerBuilder server) {
        ServiceBindingBuilder binding = server.route();
        service.routes().forEach(binding::addRoute);
        binding.maxRequestLength(MAX_REQUEST_BYTES).decorator(counting).build(service);
    }

    /**
     * The server's error handler for gRPC requests that fail before a gRPC service answers (a body
     * over the HTTP limit, an unknown path): a gRPC status instead of an HTTP one. It passes any
     * other request on, so it goes first: {@code errors().orElse(restErrors)}.
     */
    public ServerErrorHandler errors() {
        return new GrpcErrors(counting);
    }

    /** Whether the route is a gRPC service's (which the REST decorators leave alone). */
    public static boolean serves(ServiceConfig route) {
        return route.service().as(GrpcService.class) != null;
    }
}
