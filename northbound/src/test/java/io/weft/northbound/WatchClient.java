package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.weft.northbound.grpc.v1.Event;
import io.weft.northbound.grpc.v1.EventsGrpc;
import io.weft.northbound.grpc.v1.WatchRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code weft.v1.Events/Watch} call through grpc-java's own client, with its flow control in
 * the test's hands: a reading client asks for every message, a stalled one for none, so the
 * server's transport finds the client's window full, as with a client that stopped reading.
 */
final class WatchClient implements AutoCloseable {
    private final ClientCall<WatchRequest, Event> call;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final CompletableFuture<Status> closed = new CompletableFuture<>();

    /** @param token null: no credentials */
    WatchClient(Channel channel, String token, WatchRequest request, boolean reading) {
        this.call = channel.newCall(EventsGrpc.getWatchMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(Event event) {
                received.incrementAndGet();
                events.add(event);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, token == null ? new Metadata() : GrpcClient.bearer(token));
        call.sendMessage(request);
        call.halfClose();
        if (reading) {
            read();
        }
    }

    static WatchRequest since(long revision) {
        return WatchRequest.newBuilder().setSince(revision).build();
    }

    static WatchRequest fromNow() {
        return WatchRequest.getDefaultInstance();
    }

    /** From now on, takes every message the server sends. */
    void read() {
        call.request(Integer.MAX_VALUE);
    }

    Event next() throws InterruptedException {
        Event event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s; the call ended with %s", closed.getNow(null)).isNotNull();
        return event;
    }

    /** Events received and not yet taken by {@link #next}. */
    int pending() {
        return events.size();
    }

    long received() {
        return received.get();
    }

    /** How the call ended; fails unless it ends within 10 s. */
    Status status() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        call.cancel("the test is done", null);
    }
}
