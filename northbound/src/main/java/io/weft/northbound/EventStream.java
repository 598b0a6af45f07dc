package io.weft.northbound;

import io.weft.northbound.service.Principal;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.sse.ServerSentEvent;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.common.stream.StreamWriter;
import com.linecorp.armeria.server.streaming.ServerSentEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.metrics.Counters;
import io.weft.northbound.events.JournalEvent;
import io.weft.northbound.events.Subscription;
import io.weft.northbound.events.SubscriptionEnd;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * One subscription served as Server-Sent Events: {@code id:} the revision, {@code event:} the
 * type, {@code data:} the event's JSON. It writes a batch only when the client has taken the
 * previous one, so what waits for a client that stops reading is the journal's history, never
 * a growing buffer here; the journal cuts such a client off when it falls a history behind.
 * When the subscription ends other than by the client leaving, a last event, {@code end},
 * says why ({@code {"reason":"slow_consumer","message":..}}) and the response completes.
 *
 * <p>The caller's credentials are checked again before every batch: a tenant whose token was
 * revoked (or who was deleted) since the stream began gets nothing more, only an {@code end}
 * with {@code "unauthorized"}, counted as {@code events.refused.revoked}.
 *
 * <p>Every step runs on the request's event loop, so the fields need no lock.
 */
final class EventStream {
    /** Events written before waiting for the client to take them. */
    private static final int BATCH = 64;

    private final Executor loop;
    private final Principal who;
    private final BooleanSupplier stillAllowed;
    private final Counters counters;
    private final StreamWriter<ServerSentEvent> writer = StreamMessage.streaming();
    private Subscription subscription;
    private boolean awaitingDemand;

    /** @param stillAllowed whether the credentials that opened the stream still hold */
    EventStream(Executor loop, Principal who, BooleanSupplier stillAllowed, Counters counters) {
        this.loop = loop;
        this.who = who;
        this.stillAllowed = stillAllowed;
        this.counters = counters;
    }

    /** For the journal: something to poll, or the end. Runs on the recording thread, so it only hands off. */
    void signal() {
        loop.execute(this::pump);
    }

    HttpResponse start(Subscription started) {
        // The client went away (or the server stops): the journal forgets the subscription.
        writer.whenComplete().handle((ok, failure) -> {
            started.close();
            return null;
        });
        // Armeria sends the response headers with the first element: a comment sends them at once,
        // so a client knows it is subscribed before the first event.
        writer.tryWrite(ServerSentEvent.ofComment("subscribed"));
        loop.execute(() -> {
            subscription = started;
            pump();
        });
        return ServerSentEvents.fromPublisher(writer);
    }

    private void pump() {
        if (subscription == null || awaitingDemand || !writer.isOpen()) {
            return;
        }
        List<JournalEvent> batch = subscription.poll(BATCH);
        if (batch.isEmpty()) {
            // Cancelled: the client left, and there is no one to tell.
            subscription.end().ifPresent(end -> finish(end.reason() == SubscriptionEnd.Reason.CANCELLED ? null
                    : EventViews.end(end)));
            return;
        }
        if (!stillAllowed.getAsBoolean()) {
            counters.increment("events.refused.revoked");
            finish(Json.object().put("reason", "unauthorized").put("message",
                    "the token that opened this stream was revoked, or its tenant deleted"));
            return;
        }
        for (JournalEvent event : batch) {
            if (!writer.tryWrite(sse(event))) {
                return;
            }
        }
        awaitingDemand = true;
        writer.whenConsumed().handleAsync((ok, failure) -> {
            awaitingDemand = false;
            pump();
            return null;
        }, loop);
    }

    private ServerSentEvent sse(JournalEvent event) {
        return ServerSentEvent.builder().id(Long.toString(event.revision())).event(event.type())
                .data(EventViews.json(event, who))
                .build();
    }

    /** Ends the response, after an {@code end} event saying why unless {@code why} is null. */
    private void finish(ObjectNode why) {
        if (why != null) {
            writer.tryWrite(ServerSentEvent.builder().event("end")
                    .data(new String(Json.bytes(why), StandardCharsets.UTF_8)).build());
        }
        writer.close();
    }
}
