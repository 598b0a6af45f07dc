package io.weft.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.weft.bench.flowsetup.Progress;
import io.weft.metrics.Counters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The REST loads against a small HTTP server that plays the controller: it wants the bearer
 * token, makes and deletes tenants, and refuses every fourth network with 409.
 */
@Timeout(60)
class RestLoadTest {
    private static final String TOKEN = "rest-load-test-token";
    private static final Pattern NETWORK = Pattern.compile("\\{\"id\":\"n(\\d+)\",\"kind\":\"big-switch\"}");

    private final Counters counters = new Counters();
    private final ClosedLoop loop = new ClosedLoop(counters, Progress.NONE, Optional.empty());
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/v1/", this::answer);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void eachCreationIsAPostOfADistinctNetworkUnderItsRoundsTenantAndA409IsARefusal() throws InterruptedException {
        RoundTenants tenants = new RoundTenants("bench-rest-abc");
        ClosedLoop.Result result;
        try (RestLoad load = RestLoad.networkCreation(base, TOKEN, tenants)) {
            result = loop.run(load, 3, ClosedLoop.Rounds.counted(1, 2, 20));
        }

        assertThat(result.operation()).isEqualTo("POST /api/v1/tenants/{t}/networks");
        assertThat(result.unit()).isEqualTo("networks");
        assertThat(result.succeeded()).as("15 of each measured round's 20").isEqualTo(30);
        assertThat(result.problems()).containsExactly(Map.entry("refused.409", 15L));
        assertThat(counters.get("bench.api.rest.refused.409")).isEqualTo(15);
        assertThat(result.firstProblem()).hasValueSatisfying(p -> assertThat(p).contains("exists"));
        assertThat(log).filteredOn(l -> l.startsWith("POST /api/v1/tenants/bench-rest-abc-1/networks"))
                .hasSize(20).doesNotHaveDuplicates();
        assertThat(log).filteredOn(l -> !l.contains("/networks")).containsExactly(
                "POST /api/v1/tenants {\"id\":\"bench-rest-abc-0\"}", "DELETE /api/v1/tenants/bench-rest-abc-0 ",
                "POST /api/v1/tenants {\"id\":\"bench-rest-abc-1\"}", "DELETE /api/v1/tenants/bench-rest-abc-1 ",
                "POST /api/v1/tenants {\"id\":\"bench-rest-abc-2\"}", "DELETE /api/v1/tenants/bench-rest-abc-2 ");
    }

    @Test
    void aReadAnsweredWithAnErrorScoresNothing() throws InterruptedException {
        ClosedLoop.Result result;
        try (RestLoad load = RestLoad.read(base, "not-the-token", Read.LINKS)) {
            result = loop.run(load, 2, ClosedLoop.Rounds.timed(0, 1, Duration.ofMillis(200)));
        }
        assertThat(result.operation()).isEqualTo("GET /api/v1/links");
        assertThat(result.rates()).containsExactly(0.0);
        assertThat(result.succeeded()).isZero();
        assertThat(result.problems()).containsOnlyKeys("refused.401");
        assertThat(counters.get("bench.api.rest.refused.401")).isEqualTo(result.problemCount()).isPositive();
    }

    @Test
    void aReadAnsweredOkIsRatedWithTheSizeOfItsAnswer() throws InterruptedException {
        ClosedLoop.Result result;
        try (RestLoad load = RestLoad.read(base, TOKEN, Read.LINKS)) {
            result = loop.run(load, 2, ClosedLoop.Rounds.timed(0, 1, Duration.ofMillis(200)));
        }
        assertThat(result.succeeded()).isPositive();
        assertThat(result.problems()).isEmpty();
        assertThat(result.answerBytes()).isEqualTo("{\"links\":[]}".length());
    }

    @Test
    void aTenantThatCannotBeMadeStopsTheRunRatherThanScoringRefusals() {
        try (RestLoad load = RestLoad.networkCreation(base, "not-the-token", new RoundTenants("bench-rest-x"))) {
            assertThatThrownBy(() -> loop.run(load, 1, ClosedLoop.Rounds.counted(0, 1, 5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not create tenant bench-rest-x-0: refused.401");
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        log.add(exchange.getRequestMethod() + " " + path + " " + body);
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":\"unauthenticated\"}");
            return;
        }
        Matcher network = NETWORK.matcher(body);
        switch (exchange.getRequestMethod() + " " + path.replaceAll("bench-rest-abc-\\d+", "T")) {
            case "GET /api/v1/links" -> send(exchange, 200, "{\"links\":[]}");
            case "POST /api/v1/tenants" -> send(exchange, 201, "{\"tenant\":\"made\"}");
            case "DELETE /api/v1/tenants/T" -> send(exchange, 204, "");
            case "POST /api/v1/tenants/T/networks" -> {
                if (!network.matches()) {
                    send(exchange, 400, "{\"error\":\"malformed\"}");
                } else if (Integer.parseInt(network.group(1)) % 4 == 3) {
                    send(exchange, 409, "{\"error\":\"network exists\"}");
                } else {
                    send(exchange, 201, body);
                }
            }
            default -> send(exchange, 404, "{\"error\":\"no route\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
