package io.weft.northbound;

import static io.weft.northbound.TestNetwork.S1;
import static io.weft.northbound.TestNetwork.S2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.weft.northbound.events.EventJournalConfig;
import io.weft.northbound.events.JournalEvent;
import io.weft.northbound.events.Subscription;
import io.weft.northbound.grpc.v1.Event;
import io.weft.northbound.service.Principal;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.link.LinkEvent;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onosproject.net.PortNumber;

/**
 * {@code weft.v1.Events/Watch} over a real server on loopback, called through grpc-java's own
 * client: order, resumption, the statuses a watch ends with, a client that never reads, and
 * tenant scoping. Each test has its own controller and channels, so counters start at zero.
 */
class GrpcWatchTest {
    private static final String ADMIN = TestNetwork.TOKEN;

    private TestNetwork net;
    private RestApi api;
    private InetSocketAddress address;
    private final List<AutoCloseable> open = new ArrayList<>();

    private void start(TestNetwork network) {
        net = network;
        api = net.api();
        api.start();
        address = api.grpcAddress();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** A watch on a channel of its own, which {@link GrpcClient#close} cuts as a network failure would. */
    private WatchClient watch(GrpcClient channel, String token, io.weft.northbound.grpc.v1.WatchRequest request,
                              boolean reading) {
        WatchClient watch = new WatchClient(channel.channel(), token, request, reading);
        open.add(watch);
        return watch;
    }

    private WatchClient watch(String token, io.weft.northbound.grpc.v1.WatchRequest request) {
        return watch(channel(), token, request, true);
    }

    private GrpcClient channel() {
        GrpcClient channel = new GrpcClient(address);
        open.add(channel);
        return channel;
    }

    @Test
    void eventsArriveInOrderWithTheJsonRestSends() throws Exception {
        start(new TestNetwork());
        WatchClient admin = watch(ADMIN, WatchClient.since(0));
        net.connect(S1, 2);
        net.connect(S2, 2);
        net.cable(S1, 1, S2, 1);
        net.host(1, S1, 1, "10.0.0.1");
        net.flowRules.switchRemoved(new FlowRemovedEvent(S1, 0x5703000000000001L, 10,
                TrafficMatch.ANY.withInPort(PortNumber.portNumber(1)), FlowRemovedEvent.Reason.IDLE_TIMEOUT, 3, 294));

        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(admin.next());
        }
        assertThat(events).extracting(Event::getRevision).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(events).extracting(Event::getType).containsExactly("device.connected", "device.connected",
                "link.added", "link.added", "host.added", "flow.removed");
        assertThat(events.get(0).getTime().getSeconds()).isEqualTo(TestNetwork.NOW.getEpochSecond());
        JsonNode connected = ApiClient.parse(events.get(0).getJson());
        assertThat(connected.get("revision").asLong()).isEqualTo(1);
        assertThat(connected.get("type").asText()).isEqualTo("device.connected");
        assertThat(connected.at("/device/id").asText()).isEqualTo(S1.toString());
        assertThat(ApiClient.parse(events.get(5).getJson()).at("/flow/cookie").asText())
                .isEqualTo("0x5703000000000001");

        // Word for word what the REST stream sends, from the same views.
        Subscription sameEvents = net.journal.subscribe(OptionalLong.of(0), Optional.empty(), () -> { });
        List<JournalEvent> journaled = sameEvents.poll(100);
        sameEvents.close();
        assertThat(events).extracting(Event::getJson).containsExactlyElementsOf(
                journaled.stream().map(e -> EventViews.json(e, Principal.ADMIN)).toList());
        assertThat(admin.pending()).isZero();
    }

    @Test
    void aResumeAfterAForcedDisconnectLosesNothing() throws Exception {
        start(TestNetwork.linearWithIsland());
        GrpcClient first = channel();
        WatchClient before = watch(first, ADMIN, WatchClient.since(0), true);
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(before.next().getRevision());
        }
        awaitSubscribers(1);
        first.close();
        // The server notices the connection is gone and the journal forgets the watch.
        awaitSubscribers(0);

        // While the client is away, the network changes.
        net.connect(DeviceIds.fromDatapathId(9), 2);
        net.cable(DeviceIds.fromDatapathId(9), 1, S1, 2);
        long head = net.journal.head();

        WatchClient after = watch(ADMIN, WatchClient.since(seen.getLast()));
        while (seen.getLast() < head) {
            seen.add(after.next().getRevision());
        }
        net.connect(DeviceIds.fromDatapathId(10), 1);
        seen.add(after.next().getRevision());
        assertThat(seen).first().isEqualTo(1L);
        assertThat(seen).as("every revision once, in order, none lost at the reconnect")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, head + 1).boxed().toList());
        assertThat(net.counters.get("events.refused.history_expired")).isZero();
    }

    @Test
    void aRevisionTooOldIsOutOfRangeSayingToListAgain() throws Exception {
        start(new TestNetwork(new EventJournalConfig(2, 10)));
        for (int n = 1; n <= 5; n++) {
            net.journal.record(link(n));
        }
        Status old = watch(ADMIN, WatchClient.since(1)).status();
        assertThat(old.getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(old.getDescription()).contains("older than the history held", "held: 4..5",
                "List the current state again");
        assertThat(watch(ADMIN, WatchClient.since(99)).status().getCode()).as("never issued")
                .isEqualTo(Status.Code.OUT_OF_RANGE);
        Status negative = watch(ADMIN, WatchClient.since(-1)).status();
        assertThat(negative.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(negative.getDescription()).contains("since must be a revision");

        WatchClient oldestHeld = watch(ADMIN, WatchClient.since(3));
        assertThat(oldestHeld.next().getRevision()).isEqualTo(4);
        assertThat(oldestHeld.next().getRevision()).isEqualTo(5);
        assertThat(net.counters.get("events.refused.history_expired")).isEqualTo(2);
        assertThat(net.counters.get("grpc.refused.out_of_range")).isEqualTo(2);
        assertThat(net.counters.get("grpc.refused.invalid_argument")).isEqualTo(1);
    }

    @Test
    void tooManyWatchesAreResourceExhausted() throws Exception {
        start(new TestNetwork(new EventJournalConfig(100, 1)));
        WatchClient first = watch(ADMIN, WatchClient.fromNow());
        awaitSubscribers(1);
        Status second = watch(ADMIN, WatchClient.fromNow()).status();
        assertThat(second.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(second.getDescription()).contains("try again later");
        assertThat(net.counters.get("events.refused.too_many_subscribers")).isEqualTo(1);
        assertThat(net.counters.get("grpc.refused.resource_exhausted")).isEqualTo(1);
        net.journal.record(link(1));
        assertThat(first.next().getType()).isEqualTo("link.added");
    }

    /**
     * A client that takes no message: the server sends only while the call is ready, which it is
     * not once the client's flow-control window is full, so the journal's history moves on past
     * the client, which is cut off and counted, and the controller holds nothing for it but its
     * place in the shared history. Events are recorded no faster than a client that reads takes
     * them, half a history at a time, so the stalled client falls behind because it does not
     * read, not because the server could not keep up.
     */
    @Test
    void aClientThatNeverReadsIsCutOffWithResourceExhaustedAndCounted() throws Exception {
        int history = 100;
        start(new TestNetwork(new EventJournalConfig(history, 10)));
        WatchClient reader = watch(ADMIN, WatchClient.fromNow());
        WatchClient stalled = watch(channel(), ADMIN, WatchClient.fromNow(), false);
        awaitSubscribers(2);
        int recorded = 0;
        while (net.counters.get("events.dropped.slow_consumer") == 0 && recorded < 200_000) {
            for (int i = 0; i < history / 2; i++) {
                net.journal.record(link(++recorded % 1000 + 1));
            }
            long head = net.journal.head();
            while (reader.next().getRevision() < head) {
                // The reader keeps up; the stalled client has the same chance to.
            }
        }
        assertThat(net.counters.get("events.dropped.slow_consumer")).isEqualTo(1);
        assertThat(net.journal.subscribers()).as("the reader only").isEqualTo(1);

        stalled.read();
        Status status = stalled.status();
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).contains("fell " + history + " events behind",
                "resume from the last revision received");
        assertThat(stalled.received()).as("what reached the client before the cut").isLessThan(recorded);
        awaitCounter("grpc.refused.resource_exhausted", () -> net.counters.get("grpc.refused.resource_exhausted"));

        // The controller is none the worse: the reader goes on, and a new watch is served.
        WatchClient next = watch(ADMIN, WatchClient.fromNow());
        awaitSubscribers(2);
        net.journal.record(link(7));
        assertThat(next.next().getRevision()).isEqualTo(net.journal.head());
        assertThat(reader.next().getRevision()).isEqualTo(net.journal.head());
    }

    @Test
    void aTenantSeesOnlyItsOwnEventsWithoutPhysicalIds() throws Exception {
        start(TestNetwork.linearWithIsland());
        String blue = net.blueTenant();
        TenantId red = new TenantId("red");
        net.tenants.admin.createTenant(red);
        net.tenants.admin.createAttachment(red, new ConnectPoint(TestNetwork.S4, PortNumber.portNumber(1)),
                Optional.empty());
        long head = net.journal.head();

        WatchClient tenant = watch(blue, WatchClient.since(0));
        List<Event> seen = new ArrayList<>();
        do {
            seen.add(tenant.next());
        } while (!seen.getLast().getType().equals("virtual_link.added"));
        assertThat(seen).extracting(Event::getType).startsWith("tenant.added", "attachment.added")
                .contains("network.added", "virtual_port.added", "virtual_host.added", "virtual_switch.added");
        assertThat(seen).allSatisfy(e -> assertThat(ApiClient.parse(e.getJson()).get("tenant").asText())
                .isEqualTo("blue"));
        assertThat(seen).extracting(Event::getJson).noneMatch(json -> json.contains("of:")
                || json.contains("\"device\"") || json.contains("\"tag\""));

        // Live: red's changes and the fabric's never reach blue; blue's own do.
        net.tenants.admin.deleteTenant(red);
        net.connect(DeviceIds.fromDatapathId(7), 1);
        net.tenants.admin.createNetwork(new NetworkId(TestNetwork.BLUE, "db"), VirtualNetwork.Kind.BIG_SWITCH);
        Event live = tenant.next();
        assertThat(live.getType()).isEqualTo("network.added");
        assertThat(live.getRevision()).isGreaterThan(head);
        assertThat(ApiClient.parse(live.getJson()).at("/element/id").asText()).isEqualTo("db");
    }

    @Test
    void aWatchNeedsATokenAndEndsWhenTheTenantsTokenIsRevoked() throws Exception {
        start(TestNetwork.linearWithIsland());
        Status anonymous = watch(null, WatchClient.fromNow()).status();
        assertThat(anonymous.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(anonymous.getDescription()).contains("Bearer <token>");
        assertThat(net.journal.subscribers()).isZero();

        String blue = net.blueTenant();
        WatchClient tenant = watch(blue, WatchClient.fromNow());
        awaitSubscribers(1);
        net.tenants.admin.revokeTokens(TestNetwork.BLUE);
        net.tenants.admin.createNetwork(new NetworkId(TestNetwork.BLUE, "db"), VirtualNetwork.Kind.CUSTOM);
        Status revoked = tenant.status();
        assertThat(revoked.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(revoked.getDescription()).contains("revoked");
        assertThat(tenant.pending()).as("nothing after the revocation").isZero();
        assertThat(net.counters.get("events.refused.revoked")).isEqualTo(1);
        assertThat(net.counters.get("grpc.refused.unauthenticated")).isEqualTo(2);
        awaitSubscribers(0);
    }

    @Test
    void aStoppingControllerEndsWatchesUnavailable() throws Exception {
        start(new TestNetwork());
        WatchClient admin = watch(ADMIN, WatchClient.fromNow());
        awaitSubscribers(1);
        net.journal.close();
        Status status = admin.status();
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).contains("stopping");
        assertThat(watch(ADMIN, WatchClient.fromNow()).status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(net.counters.get("grpc.errors.unavailable")).isEqualTo(2);
    }

    private void awaitSubscribers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (net.journal.subscribers() != count) {
            assertThat(System.nanoTime()).as("subscribers").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void awaitCounter(String name, LongSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (value.getAsLong() != 1) {
            assertThat(System.nanoTime()).as(name).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static LinkEvent link(int n) {
        return new LinkEvent(LinkEvent.Type.LINK_ADDED, new Link(new ConnectPoint(S1, PortNumber.portNumber(n)),
                new ConnectPoint(S2, PortNumber.portNumber(n))));
    }
}
