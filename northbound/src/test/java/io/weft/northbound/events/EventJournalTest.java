package io.weft.northbound.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.event.Event;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.link.LinkEvent;
import io.weft.topology.path.TopologyEvent;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.onosproject.net.PortNumber;

class EventJournalTest {
    private static final TenantId BLUE = new TenantId("blue");
    private static final TenantId RED = new TenantId("red");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final Counters counters = new Counters();
    private final AtomicInteger signals = new AtomicInteger();

    private EventJournal journal(int history, int maxSubscribers) {
        return new EventJournal(new EventJournalConfig(history, maxSubscribers), 1, Clock.fixed(NOW, ZoneOffset.UTC),
                counters);
    }

    private static Event link(int n) {
        return new LinkEvent(LinkEvent.Type.LINK_ADDED, new Link(
                new ConnectPoint(DeviceIds.fromDatapathId(1), PortNumber.portNumber(n)),
                new ConnectPoint(DeviceIds.fromDatapathId(2), PortNumber.portNumber(n))));
    }

    private static Event network(TenantId tenant, String name, int tag) {
        return VirtualNetworkEvent.added(new VirtualNetwork(new NetworkId(tenant, name), VirtualNetwork.Kind.CUSTOM,
                tag));
    }

    private Subscription subscribe(EventJournal journal, Long since, TenantId viewer) {
        return journal.subscribe(since == null ? OptionalLong.empty() : OptionalLong.of(since),
                Optional.ofNullable(viewer), signals::incrementAndGet);
    }

    private static List<Long> revisions(List<JournalEvent> events) {
        return events.stream().map(JournalEvent::revision).toList();
    }

    @Test
    void numbersEventsInOrderAndReplaysThemAfterARevision() {
        EventJournal journal = journal(100, 10);
        for (int i = 1; i <= 5; i++) {
            journal.record(link(i));
        }
        assertThat(journal.head()).isEqualTo(5);

        Subscription all = subscribe(journal, 0L, null);
        List<JournalEvent> events = all.poll(100);
        assertThat(revisions(events)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events).extracting(JournalEvent::type).containsOnly("link.added");
        assertThat(events.get(0).time()).isEqualTo(NOW);
        assertThat(events).extracting(e -> ((LinkEvent) e.event()).link().src().port().toLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L);

        Subscription fromThree = subscribe(journal, 3L, null);
        assertThat(revisions(fromThree.poll(1))).containsExactly(4L);
        assertThat(revisions(fromThree.poll(100))).containsExactly(5L);
        assertThat(fromThree.poll(100)).isEmpty();
        assertThat(fromThree.end()).isEmpty();
    }

    @Test
    void withoutARevisionOnlyLiveEventsComeAndEachArmedPollIsSignalledOnce() {
        EventJournal journal = journal(100, 10);
        journal.record(link(1));
        Subscription live = subscribe(journal, null, null);
        assertThat(live.poll(10)).isEmpty();
        signals.set(0);

        journal.record(link(2));
        journal.record(link(3));
        assertThat(signals).as("one signal until the next poll").hasValue(1);
        assertThat(revisions(live.poll(10))).containsExactly(2L, 3L);
        journal.record(link(4));
        assertThat(signals).as("not armed: the last poll found events").hasValue(1);
        assertThat(revisions(live.poll(10))).containsExactly(4L);
        assertThat(live.poll(10)).isEmpty();
        journal.record(link(5));
        assertThat(signals).hasValue(2);
    }

    @Test
    void resumesAfterADisconnectWithNothingLost() {
        EventJournal journal = journal(100, 10);
        Subscription first = subscribe(journal, null, null);
        journal.record(link(1));
        journal.record(link(2));
        List<JournalEvent> seen = new ArrayList<>(first.poll(1));
        first.close();
        assertThat(first.end()).hasValueSatisfying(e -> assertThat(e.reason())
                .isEqualTo(SubscriptionEnd.Reason.CANCELLED));
        assertThat(first.poll(10)).isEmpty();
        journal.record(link(3));

        Subscription again = subscribe(journal, seen.getLast().revision(), null);
        seen.addAll(again.poll(10));
        assertThat(revisions(seen)).containsExactly(1L, 2L, 3L);
        assertThat(journal.subscribers()).isEqualTo(1);
    }

    @Test
    void aRevisionOlderThanTheHistoryOrNeverIssuedMustReList() {
        EventJournal journal = journal(3, 10);
        for (int i = 1; i <= 5; i++) {
            journal.record(link(i));
        }
        // Held: 3, 4, 5; resuming after 2 loses nothing, after 1 would lose 2.
        assertThat(revisions(subscribe(journal, 2L, null).poll(10))).containsExactly(3L, 4L, 5L);
        Subscription tooOld = subscribe(journal, 1L, null);
        assertThat(tooOld.end()).hasValueSatisfying(end -> {
            assertThat(end.reason()).isEqualTo(SubscriptionEnd.Reason.HISTORY_EXPIRED);
            assertThat(end.message()).contains("revision 1 is older", "held: 3..5", "List the current state again");
        });
        assertThat(tooOld.poll(10)).isEmpty();
        Subscription future = subscribe(journal, 6L, null);
        assertThat(future.end()).hasValueSatisfying(end -> {
            assertThat(end.reason()).isEqualTo(SubscriptionEnd.Reason.HISTORY_EXPIRED);
            assertThat(end.message()).contains("not issued by this controller");
        });
        assertThat(counters.get("events.refused.history_expired")).isEqualTo(2);
        assertThat(journal.subscribers()).isEqualTo(1);
    }

    @Test
    void revisionsStartAtTheStartTimeSoThatARestartedControllerNeverReusesOne() {
        Instant start = Instant.parse("2026-01-02T03:04:05.123456789Z");
        assertThat(EventJournal.firstRevisionAt(start)).isEqualTo(1_767_323_045_123_456L);
        EventJournal earlier = new EventJournal(EventJournalConfig.DEFAULTS, EventJournal.firstRevisionAt(start),
                Clock.fixed(start, ZoneOffset.UTC), counters);
        earlier.record(link(1));
        long seen = earlier.head();
        EventJournal restarted = new EventJournal(EventJournalConfig.DEFAULTS,
                EventJournal.firstRevisionAt(start.plusSeconds(5)), Clock.fixed(start, ZoneOffset.UTC), counters);
        restarted.record(link(2));

        assertThat(subscribe(restarted, seen, null).end()).hasValueSatisfying(end ->
                assertThat(end.reason()).isEqualTo(SubscriptionEnd.Reason.HISTORY_EXPIRED));
    }

    @Test
    void aTenantSeesOnlyItsOwnVirtualEventsAndTheAdminSeesEverything() {
        EventJournal journal = journal(100, 10);
        Subscription admin = subscribe(journal, 0L, null);
        Subscription blue = subscribe(journal, 0L, BLUE);
        journal.record(link(1));
        journal.record(network(BLUE, "web", 1));
        journal.record(network(RED, "web", 2));
        journal.record(new FlowRemovedEvent(DeviceIds.fromDatapathId(1), 0, 10, TrafficMatch.ANY,
                FlowRemovedEvent.Reason.IDLE_TIMEOUT, 1, 64));
        journal.record(network(BLUE, "db", 3));

        assertThat(admin.poll(100)).extracting(JournalEvent::type).containsExactly("link.added", "network.added",
                "network.added", "flow.removed", "network.added");
        List<JournalEvent> blues = blue.poll(100);
        assertThat(revisions(blues)).containsExactly(2L, 5L);
        assertThat(blues).allSatisfy(e -> assertThat(e.tenant()).contains(BLUE));
    }

    @Test
    void anotherTenantsEventsLeavingTheHistoryDoNotCutATenantOff() {
        EventJournal journal = journal(2, 10);
        Subscription blue = subscribe(journal, null, BLUE);
        for (int i = 1; i <= 10; i++) {
            journal.record(link(i));
        }
        journal.record(network(BLUE, "web", 1));
        assertThat(blue.end()).isEmpty();
        assertThat(revisions(blue.poll(10))).containsExactly(11L);
        assertThat(counters.get("events.dropped.slow_consumer")).isZero();
    }

    @Test
    void aSubscriberThatDoesNotReadIsCutOffOnceAnEventItHasNotTakenLeavesTheHistory() {
        EventJournal journal = journal(4, 10);
        Subscription reader = subscribe(journal, null, null);
        Subscription stalled = subscribe(journal, null, null);
        for (int i = 1; i <= 4; i++) {
            journal.record(link(i));
            reader.poll(10);
        }
        assertThat(stalled.end()).as("four behind: still all held").isEmpty();
        assertThat(reader.poll(10)).as("caught up, so armed").isEmpty();
        signals.set(0);
        journal.record(link(5));

        assertThat(stalled.end()).hasValueSatisfying(end -> {
            assertThat(end.reason()).isEqualTo(SubscriptionEnd.Reason.SLOW_CONSUMER);
            assertThat(end.message()).contains("after revision 0");
        });
        assertThat(stalled.poll(10)).isEmpty();
        assertThat(signals).as("the cut-off subscriber and the armed reader are signalled").hasValue(2);
        assertThat(counters.get("events.dropped.slow_consumer")).isEqualTo(1);
        assertThat(journal.subscribers()).isEqualTo(1);
        assertThat(reader.end()).isEmpty();
        assertThat(revisions(reader.poll(10))).containsExactly(5L);
        // Resuming from where it stopped is too late now: the history moved on.
        assertThat(subscribe(journal, 0L, null).end()).hasValueSatisfying(end ->
                assertThat(end.reason()).isEqualTo(SubscriptionEnd.Reason.HISTORY_EXPIRED));
    }

    @Test
    void refusesSubscribersPastTheLimitAndEndsAllOnClose() {
        EventJournal journal = journal(10, 2);
        Subscription one = subscribe(journal, null, null);
        subscribe(journal, null, BLUE);
        Subscription third = subscribe(journal, null, null);
        assertThat(third.end()).hasValueSatisfying(end ->
                assertThat(end.reason()).isEqualTo(SubscriptionEnd.Reason.TOO_MANY_SUBSCRIBERS));
        assertThat(counters.get("events.refused.too_many_subscribers")).isEqualTo(1);

        one.close();
        assertThat(subscribe(journal, null, null).end()).isEmpty();
        signals.set(0);
        journal.close();
        assertThat(signals).hasValue(2);
        assertThat(journal.subscribers()).isZero();
        assertThat(subscribe(journal, null, null).end()).hasValueSatisfying(end ->
                assertThat(end.reason()).isEqualTo(SubscriptionEnd.Reason.SHUTDOWN));
        journal.record(link(1));
        assertThat(journal.head()).as("nothing recorded once closed").isZero();
    }

    @Test
    void carriesOnlyTheEventsItKnows() {
        EventJournal journal = journal(10, 2);
        assertThatThrownBy(() -> journal.record(new TopologyEvent(
                io.weft.topology.path.Topology.empty(io.weft.topology.path.LinkWeigher.HOP_COUNT), List.of()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventJournalConfig(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
