package io.weft.northbound;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.weft.metrics.Counters;
import io.weft.northbound.events.EventJournal;
import io.weft.northbound.events.Subscription;
import io.weft.northbound.events.SubscriptionEnd;
import io.weft.northbound.service.Principal;
import io.weft.northbound.service.ServiceException;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetworkService;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/v1/events[?since=N]}: the event journal as Server-Sent Events, from the event
 * after revision {@code N} (or from now), for the admin everything, for a tenant its own
 * virtual events. {@code Last-Event-ID}, which an EventSource sends when it reconnects to the
 * same URL, wins over {@code since}. A revision the journal no longer holds is 410 Gone: list
 * again, then watch from now.
 */
final class EventResource {
    private static final String BEARER = "Bearer ";

    private final EventJournal journal;
    private final VirtualNetworkService tenants;
    private final Counters counters;

    EventResource(EventJournal journal, VirtualNetworkService tenants, Counters counters) {
        this.journal = journal;
        this.tenants = tenants;
        this.counters = counters;
    }

    HttpResponse stream(ServiceRequestContext ctx, HttpRequest req, Principal who) {
        OptionalLong since = since(ctx, req);
        Optional<TenantId> viewer = who instanceof Principal.OfTenant tenant ? Optional.of(tenant.tenant())
                : Optional.empty();
        EventStream stream = new EventStream(ctx.eventLoop(), who, stillAllowed(req, viewer), counters);
        Subscription subscription = journal.subscribe(since, viewer, stream::signal);
        subscription.end().ifPresent(end -> {
            throw refusal(end);
        });
        // A stream lasts as long as the client wants it.
        ctx.clearRequestTimeout();
        return stream.start(subscription);
    }

    /**
     * For a tenant, whether the token that opened the stream still names it (tokens are revoked,
     * tenants deleted); the admin token cannot change while the controller runs.
     */
    private BooleanSupplier stillAllowed(HttpRequest req, Optional<TenantId> viewer) {
        if (viewer.isEmpty()) {
            return () -> true;
        }
        // BearerAuth accepted this header to let the request in, so it holds a bearer token.
        String token = req.headers().get(HttpHeaderNames.AUTHORIZATION).substring(BEARER.length()).strip();
        return () -> tenants.tenantOfToken(token).equals(viewer);
    }

    private static OptionalLong since(ServiceRequestContext ctx, HttpRequest req) {
        String lastEventId = req.headers().get(HttpHeaderNames.LAST_EVENT_ID);
        if (lastEventId != null && !lastEventId.isBlank()) {
            return OptionalLong.of(revision("Last-Event-ID", lastEventId.strip()));
        }
        String since = ctx.queryParam("since");
        return since == null ? OptionalLong.empty() : OptionalLong.of(revision("since", since));
    }

    private static long revision(String name, String text) {
        try {
            long revision = Long.parseLong(text);
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // Refused below with the same message as a negative number.
        }
        throw ServiceException.invalid(name + " must be a revision, a whole number from 0, got "
                + ServiceException.echo(text));
    }

    private static ServiceException refusal(SubscriptionEnd end) {
        ServiceException.Kind kind = switch (end.reason()) {
            case HISTORY_EXPIRED -> ServiceException.Kind.GONE;
            case TOO_MANY_SUBSCRIBERS -> ServiceException.Kind.BUSY;
            case SHUTDOWN, SLOW_CONSUMER, CANCELLED -> ServiceException.Kind.UNAVAILABLE;
        };
        return new ServiceException(kind, end.message());
    }
}
