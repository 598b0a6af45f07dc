package io.weft.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft watch} against a stand-in for the controller that ends each stream early: after
 * the stream simply closes and after an {@code end} event, the client connects again with the
 * last id it saw as {@code Last-Event-ID}, and prints every event once.
 */
class WatchReconnectTest {
    @TempDir
    Path dir;

    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private Server server;

    private static String event(long revision) {
        return "id: " + revision + "\nevent: link.added\ndata: {\"revision\":" + revision
                + ",\"type\":\"link.added\",\"time\":\"2026-01-02T03:04:05Z\",\"link\":{\"src\":{\"device\":"
                + "\"of:0000000000000001\",\"port\":" + revision + "},\"dst\":{\"device\":\"of:0000000000000002\","
                + "\"port\":1}}}\n\n";
    }

    @BeforeEach
    void start() {
        server = Server.builder().http(0).service("/api/v1/events", (ctx, req) -> {
            String lastEventId = req.headers().get(HttpHeaderNames.LAST_EVENT_ID);
            lastEventIds.add(String.valueOf(lastEventId));
            queries.add(String.valueOf(ctx.query()));
            String body = switch (lastEventIds.size()) {
                case 1 -> ": subscribed\n\n" + event(1) + event(2);
                case 2 -> event(3) + "event: end\ndata: {\"reason\":\"slow_consumer\",\"message\":\"fell behind\"}\n\n";
                default -> event(4) + event(5);
            };
            return HttpResponse.of(HttpStatus.OK, MediaType.EVENT_STREAM, body);
        }).build();
        server.start().join();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reconnectsWithTheLastEventIdAndMissesNothing() {
        Cli cli = new Cli(Map.of("WEFT_URL", "http://127.0.0.1:" + server.activeLocalPort(), "WEFT_TOKEN", "t"),
                dir.resolve("none.yaml"));
        Cli.Result result = cli.run("watch", "--since", "0", "--count", "4");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines().map(l -> l.split(" ")[0])).containsExactly("1", "2", "3", "4");
        assertThat(result.out().lines().findFirst()).hasValue(
                "1 2026-01-02T03:04:05Z link.added of:0000000000000001/1 > of:0000000000000002/1");
        assertThat(lastEventIds).containsExactly("null", "2", "3");
        assertThat(queries).containsOnly("since=0");
        assertThat(result.err()).contains("weft: the controller closed the stream; reconnecting after revision 2",
                "weft: the controller ended the stream: slow_consumer (fell behind); reconnecting after revision 3");
    }
}
