package io.weft.northbound;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows an event stream over real HTTP as a browser's EventSource would, collecting each
 * event; {@link #close} drops the connection.
 */
final class SseClient implements AutoCloseable {
    /** One event: its id (null when it had none), type and data. */
    record Sse(String id, String event, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final CompletableFuture<HttpResponse.ResponseInfo> response = new CompletableFuture<>();
    private final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    /** Connects to {@code path} (with its query) with {@code token} and extra headers. */
    SseClient(InetSocketAddress address, String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort()
                + path)).header("Authorization", "Bearer " + token).GET();
        headers.forEach(request::header);
        HTTP.sendAsync(request.build(), info -> {
            response.complete(info);
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
        }).whenComplete((r, failure) -> ended.complete(null));
    }

    /** The response's status and headers, once they arrive. */
    HttpResponse.ResponseInfo response() throws Exception {
        return response.get(10, TimeUnit.SECONDS);
    }

    /** The next event; fails the test after ten seconds without one. */
    Sse next() throws InterruptedException {
        Sse event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within ten seconds");
        }
        return event;
    }

    /** Events received and not yet taken. */
    int pending() {
        return events.size();
    }

    /** Waits for the server to end the response. */
    void awaitEnd() throws Exception {
        ended.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** SSE framing: fields until a blank line, which dispatches the event. */
    private final class Lines implements Flow.Subscriber<String> {
        private String id;
        private String event;
        private StringBuilder data;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (data != null || event != null) {
                    events.add(new Sse(id, event, data == null ? "" : data.toString()));
                }
                id = null;
                event = null;
                data = null;
                return;
            }
            int colon = line.indexOf(':');
            if (colon == 0) {
                return;
            }
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            ended.complete(null);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }
}
