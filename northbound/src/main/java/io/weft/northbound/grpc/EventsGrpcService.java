package io.weft.northbound.grpc;

import static io.weft.northbound.grpc.GrpcAuth.caller;
import static io.weft.northbound.grpc.GrpcAuth.credentials;

import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.weft.metrics.Counters;
import io.weft.northbound.events.EventJournal;
import io.weft.northbound.grpc.v1.Event;
import io.weft.northbound.grpc.v1.EventsGrpc;
import io.weft.northbound.grpc.v1.WatchRequest;
import io.weft.northbound.service.Authenticator;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.ServiceException;
import io.weft.topology.virtual.TenantId;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * {@code weft.v1.Events} over the {@link EventJournal}: each {@code Watch} is a journal
 * subscription served by a {@link Watch}, scoped by the journal to what the caller may see. A
 * refusal at the start (a revision no longer held, too many watches) ends the call at once with
 * the journal's words.
 */
final class EventsGrpcService extends EventsGrpc.EventsImplBase {
    private final EventJournal journal;
    private final Authenticator authenticator;
    private final EventJson json;
    private final Counters counters;

    EventsGrpcService(EventJournal journal, Authenticator authenticator, EventJson json, Counters counters) {
        this.journal = journal;
        this.authenticator = authenticator;
        this.json = json;
        this.counters = counters;
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<Event> out) {
        Principal who = caller();
        if (request.hasSince() && request.getSince() < 0) {
            out.onError(GrpcStatuses.of(ServiceException.invalid("since must be a revision, a whole number from 0, got "
                    + request.getSince())).asRuntimeException());
            return;
        }
        OptionalLong since = request.hasSince() ? OptionalLong.of(request.getSince()) : OptionalLong.empty();
        Optional<TenantId> viewer = who instanceof Principal.OfTenant tenant ? Optional.of(tenant.tenant())
                : Optional.empty();
        ServiceRequestContext ctx = ServiceRequestContext.current();
        // A watch lasts as long as the client wants it; a client's own deadline still ends it.
        ctx.clearRequestTimeout();
        Watch watch = new Watch((ServerCallStreamObserver<Event>) out, ctx.eventLoop(), who,
                stillAllowed(who, credentials()), json, counters);
        watch.start(journal.subscribe(since, viewer, watch::signal));
    }

    /**
     * Whether the credentials that opened the watch still name the caller: a tenant's token may be
     * revoked, or its tenant deleted; the admin token cannot change while the controller runs.
     */
    private BooleanSupplier stillAllowed(Principal who, String credentials) {
        if (who.isAdmin()) {
            return () -> true;
        }
        return () -> {
            try {
                return authenticator.principal(credentials).equals(who);
            } catch (ServiceException e) {
                return false;
            }
        };
    }
}
