package io.weft.northbound.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.weft.metrics.Counters;
import io.weft.northbound.events.JournalEvent;
import io.weft.northbound.events.Subscription;
import io.weft.northbound.events.SubscriptionEnd;
import io.weft.northbound.grpc.v1.Event;
import io.weft.northbound.service.Principal;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * One {@code Watch} call: a journal subscription pulled one event at a time, and only while the
 * call is ready for another message, that is once the client's transport has taken the one
 * before. So what waits for a client that stops reading is the journal's shared history, never
 * a growing queue here; the journal cuts such a client off when it falls a history behind, and
 * the call ends RESOURCE_EXHAUSTED. It resumes when the call is ready again or the journal
 * signals something new, and when the subscription ends the call ends with a status saying why
 * ({@link GrpcStatuses#of(SubscriptionEnd)}).
 *
 * <p>The caller's credentials are checked again before each run of events: a tenant whose token
 * was revoked (or who was deleted) since the watch began gets nothing more; the call ends
 * UNAUTHENTICATED, counted as {@code events.refused.revoked} as REST's stream counts it.
 *
 * <p>Every step runs on the call's event loop, so the fields need no lock, and the journal's
 * signal, which runs on the thread recording an event, only hands off.
 */
final class Watch {
    private final ServerCallStreamObserver<Event> call;
    private final Executor loop;
    private final Principal who;
    private final BooleanSupplier stillAllowed;
    private final EventJson json;
    private final Counters counters;
    private Subscription subscription;
    private boolean done;

    /** Must be made within the call's method: grpc takes the call's handlers only until it returns. */
    Watch(ServerCallStreamObserver<Event> call, Executor loop, Principal who, BooleanSupplier stillAllowed,
          EventJson json, Counters counters) {
        this.call = call;
        this.loop = loop;
        this.who = who;
        this.stillAllowed = stillAllowed;
        this.json = json;
        this.counters = counters;
        call.setOnReadyHandler(this::signal);
        // The client left (or its deadline passed): the journal forgets the subscription.
        call.setOnCancelHandler(() -> loop.execute(this::cancelled));
    }

    /** For the journal and the call: something to poll, room to send, or the end. */
    void signal() {
        loop.execute(this::pump);
    }

    void start(Subscription started) {
        loop.execute(() -> {
            subscription = started;
            if (done) {
                started.close();
            } else {
                pump();
            }
        });
    }

    private void cancelled() {
        done = true;
        if (subscription != null) {
            subscription.close();
        }
    }

    private void pump() {
        boolean checked = false;
        while (subscription != null && !done && !call.isCancelled() && call.isReady()) {
            List<JournalEvent> next = subscription.poll(1);
            if (next.isEmpty()) {
                subscription.end().ifPresent(this::ended);
                return;
            }
            if (!checked && !stillAllowed.getAsBoolean()) {
                counters.increment("events.refused.revoked");
                finish(Status.UNAUTHENTICATED.withDescription(
                        "the token that opened this watch was revoked, or its tenant deleted"));
                return;
            }
            checked = true;
            call.onNext(event(next.get(0)));
        }
    }

    private void ended(SubscriptionEnd end) {
        // Cancelled: the client left, and there is no one to tell.
        if (end.reason() == SubscriptionEnd.Reason.CANCELLED) {
            done = true;
        } else {
            finish(GrpcStatuses.of(end));
        }
    }

    private void finish(Status status) {
        done = true;
        subscription.close();
        call.onError(status.asRuntimeException());
    }

    private Event event(JournalEvent event) {
        return Event.newBuilder().setRevision(event.revision()).setType(event.type())
                .setTime(Timestamp.newBuilder().setSeconds(event.time().getEpochSecond())
                        .setNanos(event.time().getNano()))
                .setJson(json.of(event, who)).build();
    }
}
