package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.entry;

import io.weft.southbound.openflow.ProtocolViolation.Reason;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * However a connection ends, an active switch is reported disconnected exactly once and its
 * datapath id is released; a switch that never became active is not reported.
 */
@Timeout(10)
class SwitchDisconnectTest {

    @Test
    void activeSwitchThatDisconnectsIsReported() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            SwitchSession session = sw.activate(OFVersion.OF_13);
            sw.channel.close();
            sw.channel.runPendingTasks();
            assertThat(sw.events.disconnected).containsExactly(session);
            assertThat(sw.registry.size()).isZero();
            assertThat(session.isActive()).isFalse();
            assertThat(sw.closedCounters()).isEmpty();
        }
    }

    @Test
    void activeSwitchClosedForIdlenessIsReportedDisconnected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            SwitchSession session = sw.activate(OFVersion.OF_13);
            for (int i = 0; i <= sw.config.echoMisses(); i++) {
                sw.advance(sw.config.echoInterval());
            }
            sw.assertClosedFor(Reason.IDLE);
            assertThat(sw.registry.size()).isZero();
            assertThat(sw.events.disconnected).as("switchDisconnected calls").containsExactly(session);
        }
    }

    @Test
    void activeSwitchClosedForAProtocolViolationIsReportedDisconnected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            SwitchSession session = sw.activate(OFVersion.OF_13);
            sw.feed("04 14 00 08 00 00 00 07"); // BARRIER_REQUEST from the switch
            sw.assertClosedFor(Reason.UNEXPECTED_MESSAGE);
            assertThat(sw.events.disconnected).as("switchDisconnected calls").containsExactly(session);
        }
    }

    @Test
    void connectionResetIsCountedAndReportedDisconnected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            SwitchSession session = sw.activate(OFVersion.OF_13);
            sw.channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
            sw.channel.runPendingTasks();
            assertThatCode(sw.channel::checkException).doesNotThrowAnyException();
            assertThat(sw.channel.isOpen()).isFalse();
            assertThat(sw.counters.get("openflow.connections.reset")).isEqualTo(1);
            assertThat(sw.closedCounters()).isEmpty();
            assertThat(sw.registry.size()).isZero();
            assertThat(sw.events.disconnected).as("switchDisconnected calls").containsExactly(session);
        }
    }

    @Test
    void internalErrorClosesOnlyThisSwitchAndIsCounted() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            SwitchSession session = sw.activate(OFVersion.OF_13);
            sw.channel.pipeline().fireExceptionCaught(new IllegalStateException("bug in a listener"));
            sw.channel.runPendingTasks();
            assertThatCode(sw.channel::checkException).doesNotThrowAnyException();
            assertThat(sw.channel.isOpen()).isFalse();
            assertThat(sw.closedCounters()).containsExactly(entry("openflow.closed.internal_error", 1L));
            assertThat(sw.events.disconnected).as("switchDisconnected calls").containsExactly(session);
        }
    }

    @Test
    void switchClosedBeforeActiveIsNotReportedDisconnected() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(OFVersion.OF_13);
            sw.reply(Handshakes.OF_13.featuresReply(), 1);
            sw.channel.close();
            sw.channel.runPendingTasks();
            assertThat(sw.events.activated).isEmpty();
            assertThat(sw.events.disconnected).isEmpty();
            assertThat(sw.registry.size()).isZero();
        }
    }
}
