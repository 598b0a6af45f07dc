package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.weft.metrics.Counters;
import io.weft.southbound.openflow.ProtocolViolation.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The first connection of a datapath id keeps it; a second is refused until the first goes,
 * and makes the first prove it lives: one that does not answer an echo in time is closed.
 */
@Timeout(10)
class DuplicateDatapathIdTest {
    private final SwitchRegistry registry = new SwitchRegistry();
    private final Counters counters = new Counters();

    @Test
    void secondConnectionOfAnActiveDatapathIdIsRefusedAtFeaturesReply() {
        try (SwitchConnection first = connect(); SwitchConnection second = connect()) {
            SwitchSession held = first.activate(OFVersion.OF_13);

            claimTheSameDatapathId(second);

            second.assertClosedFor(Reason.DUPLICATE_DPID);
            second.expectNothingWritten();
            assertThat(second.events.activated).isEmpty();
            assertThat(second.events.disconnected).isEmpty();

            assertThat(first.channel.isActive()).isTrue();
            assertThat(first.state()).isEqualTo(HandshakeState.ACTIVE);
            assertThat(registry.size()).isEqualTo(1);
            assertThat(first.session()).isSameAs(held);
            assertThat(held.isActive()).isTrue();
            assertThat(first.events.disconnected).isEmpty();
        }
    }

    @Test
    void secondConnectionIsRefusedEvenWhileTheFirstIsStillInItsHandshake() {
        try (SwitchConnection first = connect(); SwitchConnection second = connect()) {
            first.negotiate(OFVersion.OF_10);
            first.reply(Handshakes.OF_10.featuresReply(), 1);

            claimTheSameDatapathId(second);
            second.assertClosedFor(Reason.DUPLICATE_DPID);

            assertThat(first.state()).isEqualTo(HandshakeState.WAIT_DESC);
            assertThat(first.session().factory().getVersion()).isEqualTo(OFVersion.OF_10);
        }
    }

    @Test
    void datapathIdIsFreeAgainOnceTheHolderCloses() {
        try (SwitchConnection first = connect(); SwitchConnection second = connect();
             SwitchConnection third = connect()) {
            SwitchSession firstSession = first.activate(OFVersion.OF_13);
            claimTheSameDatapathId(second);
            second.assertClosedFor(Reason.DUPLICATE_DPID);

            first.channel.close();
            first.channel.runPendingTasks();
            assertThat(registry.size()).isZero();
            assertThat(first.events.disconnected).containsExactly(firstSession);

            SwitchSession thirdSession = third.activate(OFVersion.OF_14);
            assertThat(third.channel.isActive()).isTrue();
            assertThat(registry.size()).isEqualTo(1);
            assertThat(third.session()).isSameAs(thirdSession).isNotSameAs(firstSession);
            assertThat(counters.get("openflow.handshakes.completed")).isEqualTo(2);
            assertThat(counters.get(Reason.DUPLICATE_DPID.counter())).isEqualTo(1);
        }
    }

    @Test
    void aHolderThatDiedSilentlyIsClosedOnceItFailsAnEchoAndTheSwitchsNextAttemptIsTaken() {
        try (SwitchConnection dead = connect(); SwitchConnection second = connect();
             SwitchConnection third = connect()) {
            SwitchSession stale = dead.activate(OFVersion.OF_13);
            claimTheSameDatapathId(second);
            second.assertClosedFor(Reason.DUPLICATE_DPID);

            echoRequestTo(dead); // never answered
            assertThat(counters.get("openflow.liveness.checks")).isEqualTo(1);
            dead.advance(Duration.ofMillis(1999));
            assertThat(dead.channel.isActive()).as("within the deadline").isTrue();
            dead.advance(Duration.ofMillis(1));

            dead.channel.runPendingTasks();
            assertThat(dead.channel.isActive()).as("past the deadline").isFalse();
            assertThat(dead.closedCounters()).containsOnly(entry(Reason.DUPLICATE_DPID.counter(), 1L),
                    entry(Reason.IDLE.counter(), 1L));
            assertThat(dead.events.disconnected).containsExactly(stale);
            third.activate(OFVersion.OF_13);
            assertThat(registry.size()).isEqualTo(1);
            assertThat(third.channel.isActive()).isTrue();
        }
    }

    @Test
    void aHolderThatAnswersTheEchoKeepsItsConnection() {
        try (SwitchConnection live = connect(); SwitchConnection second = connect()) {
            SwitchSession held = live.activate(OFVersion.OF_13);
            claimTheSameDatapathId(second);
            second.assertClosedFor(Reason.DUPLICATE_DPID);

            long xid = echoRequestTo(live);
            live.reply("04 03 00 08 xx xx xx xx", xid); // ECHO_REPLY
            live.advance(Duration.ofSeconds(3));

            assertThat(live.channel.isActive()).isTrue();
            assertThat(live.session()).isSameAs(held);
            assertThat(counters.get(Reason.IDLE.counter())).isZero();
        }
    }

    @Test
    void aCheckTheHolderAnsweredNeverClosesItLaterWhenAnotherCheckFollows() {
        try (SwitchConnection live = connect(); SwitchConnection second = connect();
             SwitchConnection third = connect()) {
            SwitchSession held = live.activate(OFVersion.OF_13);
            claimTheSameDatapathId(second);
            long first = echoRequestTo(live);
            live.reply("04 03 00 08 xx xx xx xx", first);

            live.advance(Duration.ofMillis(1990));
            claimTheSameDatapathId(third);
            long again = echoRequestTo(live);
            live.advance(Duration.ofMillis(20));
            assertThat(live.channel.isActive()).as("when the answered check's deadline passes").isTrue();

            live.reply("04 03 00 08 xx xx xx xx", again);
            live.advance(Duration.ofSeconds(3));
            assertThat(live.channel.isActive()).isTrue();
            assertThat(live.session()).isSameAs(held);
            assertThat(counters.get("openflow.liveness.checks")).isEqualTo(2);
            assertThat(counters.get(Reason.IDLE.counter())).isZero();
        }
    }

    @Test
    void refusedConnectionClosingDoesNotReleaseTheHoldersDatapathId() {
        try (SwitchConnection first = connect(); SwitchConnection second = connect()) {
            SwitchSession held = first.activate(OFVersion.OF_13);
            claimTheSameDatapathId(second);
            second.channel.close();
            second.channel.runPendingTasks();

            assertThat(first.session()).isSameAs(held);
            assertThat(registry.size()).isEqualTo(1);
        }
    }

    /** A second connection announces the datapath id the first holds, on OpenFlow 1.3. */
    private static void claimTheSameDatapathId(SwitchConnection connection) {
        connection.negotiate(OFVersion.OF_13);
        connection.reply(Handshakes.OF_13.featuresReply(), 1);
    }

    /** The liveness check's ECHO_REQUEST the holder was sent; its xid. */
    private static long echoRequestTo(SwitchConnection holder) {
        holder.channel.runPendingTasks();
        return holder.expect("04 02 00 08 xx xx xx xx");
    }

    private SwitchConnection connect() {
        return SwitchConnection.open(OpenFlowConfig.DEFAULTS, registry, counters);
    }
}
