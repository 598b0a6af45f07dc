package io.weft.northbound;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.sse.ServerSentEvent;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.common.stream.StreamWriter;
import com.linecorp.armeria.server.streaming.ServerSentEvents;
import io.weft.northbound.events.JournalEvent;
import io.weft.northbound.events.Subscription;
import io.weft.northbound.events.SubscriptionEnd;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One subscription served as Server-Sent Events: {@code id:} the revision, {@code event:} the
 * type, {@code data:} the event's JSON. It writes a batch only when the client has taken the
 * previous one, so what waits for a client that stops reading is the journal's history, never
 * a growing buffer here; the journal cuts such a client off when it falls a history behind.
 * When the subscription ends other than by the client leaving, a last event, {@code end},
 * says why ({@code {"reason":"slow_consumer","message":..}}) and the response completes.
 *
 * <p>Every step runs on the request's event loop, so the fields need no lock.
 */
final class EventStream {
    /** Events written before waiting for the client to take them. */
    private static final int BATCH = 64;

    private final Executor loop;
    private final Principal who;
    private final StreamWriter<ServerSentEvent> writer = StreamMessage.streaming();
    private Subscription subscription;
    private boolean awaitingDemand;

    EventStream(Executor loop, Principal who) {
        this.loop = loop;
        this.who = who;
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
            subscription.end().ifPresent(this::finish);
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
                .data(new String(Json.bytes(EventViews.event(event, who)), StandardCharsets.UTF_8))
                .build();
    }

    private void finish(SubscriptionEnd end) {
        if (end.reason() != SubscriptionEnd.Reason.CANCELLED) {
            writer.tryWrite(ServerSentEvent.builder().event("end").data(new String(Json.bytes(EventViews.end(end)),
                    StandardCharsets.UTF_8)).build());
        }
        writer.close();
    }
}
