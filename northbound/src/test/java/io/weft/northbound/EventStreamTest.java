package io.weft.northbound;

import static io.weft.northbound.TestNetwork.S1;
import static io.weft.northbound.TestNetwork.S2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.northbound.events.EventJournalConfig;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.Port;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.link.LinkEvent;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.MacAddress;
import org.onosproject.net.PortNumber;

/** {@code GET /api/v1/events} over a real Armeria server on a free port. */
class EventStreamTest {
    private TestNetwork net;
    private RestApi api;
    private InetSocketAddress address;
    private final List<SseClient> clients = new ArrayList<>();

    private void start(TestNetwork network) {
        net = network;
        api = net.api();
        address = api.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(SseClient::close);
        if (api != null) {
            api.close();
        }
    }

    private SseClient watch(String query, String token, Map<String, String> headers) {
        SseClient client = new SseClient(address, "/api/v1/events" + query, token, headers);
        clients.add(client);
        return client;
    }

    private static JsonNode data(SseClient.Sse event) {
        return ApiClient.parse(event.data());
    }

    @Test
    void streamsEveryChangeInOrderWithItsRevisionTypeAndJson() throws Exception {
        start(new TestNetwork());
        SseClient admin = watch("", TestNetwork.TOKEN, Map.of());
        HttpResponse.ResponseInfo response = admin.response();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));

        net.connect(S1, 2);
        net.connect(S2, 2);
        net.devices.portUpdated(S1, new Port(PortNumber.portNumber(2), "s1-eth2", MacAddress.valueOf(2), false, 0));
        net.cable(S1, 1, S2, 1);
        net.host(1, S1, 1, "10.0.0.1");
        net.flowRules.switchRemoved(new FlowRemovedEvent(S1, 0x5703000000000001L, 10,
                TrafficMatch.ANY.withInPort(PortNumber.portNumber(1)), FlowRemovedEvent.Reason.IDLE_TIMEOUT, 3, 294));

        List<SseClient.Sse> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(admin.next());
        }
        assertThat(events).extracting(SseClient.Sse::event).containsExactly("device.connected", "device.connected",
                "port.updated", "link.added", "link.added", "host.added", "flow.removed");
        assertThat(events).extracting(SseClient.Sse::id).containsExactly("1", "2", "3", "4", "5", "6", "7");
        JsonNode connected = data(events.get(0));
        assertThat(connected.get("revision").asLong()).isEqualTo(1);
        assertThat(connected.get("type").asText()).isEqualTo("device.connected");
        assertThat(connected.get("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(connected.at("/device/id").asText()).isEqualTo(S1.toString());
        assertThat(connected.at("/device/ports")).hasSize(2);
        JsonNode port = data(events.get(2));
        assertThat(port.get("device").asText()).isEqualTo(S1.toString());
        assertThat(port.at("/port/port").asLong()).isEqualTo(2);
        assertThat(port.at("/port/up").asBoolean()).isFalse();
        assertThat(data(events.get(3)).at("/link/src/device").asText()).isEqualTo(S1.toString());
        assertThat(data(events.get(5)).at("/host/mac").asText()).isEqualTo("00:00:00:00:00:01");
        JsonNode flow = data(events.get(6)).get("flow");
        assertThat(flow.get("cookie").asText()).isEqualTo("0x5703000000000001");
        assertThat(flow.at("/match/inPort").asLong()).isEqualTo(1);
        assertThat(flow.get("reason").asText()).isEqualTo("IDLE_TIMEOUT");
        assertThat(flow.get("bytes").asLong()).isEqualTo(294);
        assertThat(admin.pending()).isZero();
    }

    @Test
    void resumesFromSinceAndFromLastEventIdWhichWins() throws Exception {
        start(TestNetwork.linearWithIsland());
        long head = net.journal.head();
        assertThat(head).isGreaterThan(5);

        SseClient fromTwo = watch("?since=2", TestNetwork.TOKEN, Map.of());
        assertThat(fromTwo.next().id()).isEqualTo("3");
        assertThat(fromTwo.next().id()).isEqualTo("4");
        fromTwo.close();

        SseClient reconnected = watch("?since=2", TestNetwork.TOKEN, Map.of("Last-Event-ID", "4"));
        List<String> ids = new ArrayList<>();
        for (long r = 5; r <= head; r++) {
            ids.add(reconnected.next().id());
        }
        assertThat(ids).first().isEqualTo("5");
        assertThat(ids).last().isEqualTo(Long.toString(head));
        net.connect(DeviceIds.fromDatapathId(9), 1);
        assertThat(reconnected.next().id()).isEqualTo(Long.toString(head + 1));
        assertThat(net.counters.get("events.refused.history_expired")).isZero();
    }

    @Test
    void aRevisionOlderThanTheHistoryIsGoneWithAJsonError() throws Exception {
        start(new TestNetwork(new EventJournalConfig(2, 10)));
        for (int n = 1; n <= 5; n++) {
            net.journal.record(link(n));
        }
        ApiClient client = new ApiClient(address, TestNetwork.TOKEN);
        HttpResponse<String> gone = client.get("/api/v1/events?since=1");
        assertThat(gone.statusCode()).isEqualTo(410);
        JsonNode error = ApiClient.parse(gone.body());
        assertThat(error.get("error").asText()).isEqualTo("gone");
        assertThat(error.get("message").asText()).contains("older than the history held", "held: 4..5");
        assertThat(client.status("GET", "/api/v1/events", Optional.of("Bearer " + TestNetwork.TOKEN)))
                .as("no since: live only, never gone").isEqualTo(200);
        assertThat(client.status("GET", "/api/v1/events?since=99", Optional.of("Bearer " + TestNetwork.TOKEN)))
                .as("never issued").isEqualTo(410);
        assertThat(client.get("/api/v1/events?since=-1").statusCode()).isEqualTo(400);
        assertThat(client.get("/api/v1/events?since=abc").statusCode()).isEqualTo(400);
        assertThat(net.counters.get("events.refused.history_expired")).isEqualTo(2);
        assertThat(net.counters.get("api.refused.gone")).isEqualTo(2);
        assertThat(net.counters.get("api.refused.bad_request")).isEqualTo(2);
    }

    @Test
    void aTenantSeesOnlyItsOwnVirtualEventsWithoutPhysicalIds() throws Exception {
        start(TestNetwork.linearWithIsland());
        String blue = net.blueTenant();
        net.tenants.admin.createTenant(new TenantId("red"));
        net.tenants.admin.createAttachment(new TenantId("red"), new ConnectPoint(TestNetwork.S4,
                PortNumber.portNumber(1)), Optional.empty());
        long head = net.journal.head();

        SseClient tenant = watch("?since=0", blue, Map.of());
        SseClient admin = watch("?since=0", TestNetwork.TOKEN, Map.of());
        List<JsonNode> seen = new ArrayList<>();
        JsonNode event;
        do {
            event = data(tenant.next());
            seen.add(event);
        } while (!event.get("type").asText().equals("virtual_link.added"));
        assertThat(seen).allSatisfy(e -> assertThat(e.get("tenant").asText()).isEqualTo("blue"));
        assertThat(seen).extracting(e -> e.get("type").asText()).startsWith("tenant.added", "attachment.added")
                .contains("network.added", "virtual_port.added", "virtual_host.added", "virtual_switch.added");
        assertThat(seen.toString()).doesNotContain("of:", "\"tag\"", "\"device\"");
        JsonNode attachment = seen.get(1).get("element");
        assertThat(attachment.get("id").asText()).isEqualTo("att-1");

        JsonNode first = data(admin.next());
        assertThat(first.get("type").asText()).isEqualTo("device.connected");
        JsonNode adminsAttachment;
        do {
            adminsAttachment = data(admin.next());
        } while (!adminsAttachment.get("type").asText().equals("attachment.added"));
        assertThat(adminsAttachment.at("/element/device").asText()).isEqualTo(S1.toString());
        assertThat(adminsAttachment.at("/element/port").asLong()).isEqualTo(1);

        // Live: red's changes and the fabric's never reach blue; blue's own do.
        net.tenants.admin.deleteTenant(new TenantId("red"));
        net.connect(DeviceIds.fromDatapathId(7), 1);
        net.tenants.admin.createNetwork(new NetworkId(TestNetwork.BLUE, "db"), VirtualNetwork.Kind.BIG_SWITCH);
        JsonNode live = data(tenant.next());
        assertThat(live.get("type").asText()).isEqualTo("network.added");
        assertThat(live.at("/element/id").asText()).isEqualTo("db");
        assertThat(live.get("revision").asLong()).isGreaterThan(head);
    }

    @Test
    void aTenantWhoseTokenIsRevokedGetsNothingMore() throws Exception {
        start(TestNetwork.linearWithIsland());
        String blue = net.blueTenant();
        SseClient tenant = watch("", blue, Map.of());
        assertThat(tenant.response().statusCode()).isEqualTo(200);
        net.tenants.admin.revokeTokens(TestNetwork.BLUE);
        net.tenants.admin.createNetwork(new NetworkId(TestNetwork.BLUE, "db"), VirtualNetwork.Kind.CUSTOM);

        SseClient.Sse end = tenant.next();
        assertThat(end.event()).isEqualTo("end");
        assertThat(data(end).get("reason").asText()).isEqualTo("unauthorized");
        tenant.awaitEnd();
        assertThat(tenant.pending()).isZero();
        assertThat(net.counters.get("events.refused.revoked")).isEqualTo(1);
        awaitSubscribers(0);
    }

    /**
     * A client that connects and never reads: the server writes only what the socket takes, the
     * journal's history moves on past the client, and the client is cut off and counted, with
     * the last event saying why. Were the stream to buffer without bound, the client would never
     * fall behind and this would fail.
     */
    @Test
    void aClientThatNeverReadsIsCutOffAndCounted() throws Exception {
        start(new TestNetwork(new EventJournalConfig(100, 10)));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(address, 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestNetwork.TOKEN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitSubscribers(1);
            int recorded = 0;
            while (net.counters.get("events.dropped.slow_consumer") == 0 && recorded < 2_000_000) {
                for (int i = 0; i < 1_000; i++) {
                    net.journal.record(link(++recorded % 1000 + 1));
                }
                Thread.onSpinWait();
            }
            assertThat(net.counters.get("events.dropped.slow_consumer")).isEqualTo(1);
            assertThat(net.journal.subscribers()).isZero();

            socket.setSoTimeout(10_000);
            String tail = readToEnd(socket.getInputStream());
            assertThat(tail).containsPattern("event: ?end").contains("slow_consumer");
        }
    }

    private void awaitSubscribers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (net.journal.subscribers() != count) {
            assertThat(System.nanoTime()).as("subscribers").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** The last few kilobytes of everything until the server closes the connection. */
    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        return text.substring(Math.max(0, text.length() - 4096));
    }

    private static LinkEvent link(int n) {
        return new LinkEvent(LinkEvent.Type.LINK_ADDED, new Link(new ConnectPoint(S1, PortNumber.portNumber(n)),
                new ConnectPoint(S2, PortNumber.portNumber(n))));
    }
}
