package io.weft.controller.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code weft watch}: follows {@code GET /api/v1/events}, one line per event (with
 * {@code --json}, the event's JSON), and when the connection drops or the controller ends the
 * stream (a slow reader, a stop) connects again with {@code Last-Event-ID}, so nothing is missed
 * or shown twice. When the controller no longer holds the events after the last one seen, or
 * restarted, it says so and exits 1: list again, then watch from now.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow every change as it happens: devices, ports, links, hosts, tenants' networks, flows.")
public final class WatchCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--since", paramLabel = "REVISION",
            description = "replay the events after this revision first (default: only new events)")
    Long since;

    @Option(names = "--count", paramLabel = "N", description = "exit after N events (default: follow until stopped)")
    Long count;

    private long shown;
    /** The id of the last event shown: where a reconnection resumes. */
    private Optional<String> lastId = Optional.empty();

    @Override
    public Integer call() {
        if (count != null && count < 1) {
            throw new ClientException(ClientException.USAGE, "--count must be at least 1, got " + count);
        }
        RestClient api = client.api();
        // On reconnection Last-Event-ID, which the server prefers, takes over from since.
        String path = "/api/v1/events" + (since == null ? "" : "?since=" + since);
        int failures = 0;
        boolean connected = false;
        while (true) {
            try (Stream<String> lines = api.lines(path, lastId)) {
                connected = true;
                failures = 0;
                Optional<String> ended = follow(lines.iterator());
                if (ended.isEmpty()) {
                    return 0;
                }
                note(ended.get() + "; reconnecting" + after());
            } catch (ClientException e) {
                // Refusals (a revision no longer held: 410) and a controller never reached end the command.
                if (!connected || e.exitCode() != ClientException.CONNECTION) {
                    throw e;
                }
                note(e.getMessage() + "; trying again");
            } catch (UncheckedIOException e) {
                note("lost the connection to " + api.url() + "; reconnecting" + after());
            }
            pause(failures++);
        }
    }

    /**
     * Shows the stream's events until it ends: empty once {@code --count} events were shown,
     * otherwise why it ended.
     */
    private Optional<String> follow(Iterator<String> lines) {
        String id = null;
        String event = null;
        StringBuilder data = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data != null) {
                    if ("end".equals(event)) {
                        return Optional.of("the controller ended the stream: " + endReason(data.toString()));
                    }
                    show(data.toString());
                    lastId = id == null ? lastId : Optional.of(id);
                    if (count != null && ++shown >= count) {
                        return Optional.empty();
                    }
                }
                id = null;
                event = null;
                data = null;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon == 0) {
                continue;
            }
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }
        return Optional.of("the controller closed the stream");
    }

    private String after() {
        return lastId.map(id -> " after revision " + id).orElse("");
    }

    private void note(String message) {
        client.err().println("weft: " + message);
        client.err().flush();
    }

    private void show(String data) {
        if (client.json()) {
            client.out().println(data);
        } else {
            client.out().println(EventLines.line(parse(data)));
        }
        client.out().flush();
    }

    private static String endReason(String data) {
        JsonNode end = parse(data);
        return end.path("reason").asText("unknown") + " (" + end.path("message").asText() + ")";
    }

    private static JsonNode parse(String data) {
        try {
            return RestClient.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new ClientException(ClientException.API_ERROR, "the controller sent an event that is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    private void pause(int failures) {
        // From the context's retry delay, doubling with each failure in a row up to eight times it.
        Duration delay = client.context().retryDelay().multipliedBy(1L << Math.min(failures, 3));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.CONNECTION, "interrupted");
        }
    }
}
