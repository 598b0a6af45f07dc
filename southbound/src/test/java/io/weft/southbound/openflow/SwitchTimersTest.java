package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.southbound.openflow.ProtocolViolation.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The handshake timeout, keep-alive echoes and the idle close, on the channel's own clock:
 * the test moves it, and the IdleStateHandler reads the same clock, so no idle event has
 * to be faked.
 */
@Timeout(10)
class SwitchTimersTest {
    private static final Duration MS = Duration.ofMillis(1);
    private static final String ECHO_REQUEST_13 = "04 02 00 08 xx xx xx xx";

    @Test
    void handshakeNotFinishedInTimeIsClosed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(OFVersion.OF_13);
            Duration timeout = sw.config.handshakeTimeout();

            sw.advance(timeout.minus(MS));
            assertThat(sw.channel.isActive()).as("open just before the timeout").isTrue();

            sw.advance(MS);
            sw.assertClosedFor(Reason.HANDSHAKE_TIMEOUT);
        }
    }

    @Test
    void switchThatNeverSaysHelloIsClosedAtTheHandshakeTimeout() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);
            sw.advance(sw.config.handshakeTimeout());
            sw.assertClosedFor(Reason.HANDSHAKE_TIMEOUT);
            sw.expectNothingWritten();
        }
    }

    @Test
    void handshakeTimerIsCancelledWhenActive() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.advance(sw.config.handshakeTimeout().plus(MS));
            assertThat(sw.channel.isActive()).isTrue();
            assertThat(sw.state()).isEqualTo(HandshakeState.ACTIVE);
            assertThat(sw.closedCounters()).isEmpty();
        }
    }

    @Test
    void silentSwitchGetsAnEchoEachIntervalThenIsClosed() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            Duration interval = sw.config.echoInterval();

            sw.advance(interval.minus(MS));
            sw.expectNothingWritten();
            for (int echo = 1; echo <= sw.config.echoMisses(); echo++) {
                sw.advance(echo == 1 ? MS : interval);
                sw.expect(ECHO_REQUEST_13);
                sw.expectNothingWritten();
                assertThat(sw.counters.get("openflow.echo.sent")).isEqualTo(echo);
                assertThat(sw.channel.isActive()).isTrue();
            }

            sw.advance(interval);
            sw.assertClosedFor(Reason.IDLE);
            sw.expectNothingWritten();
        }
    }

    @Test
    void anyMessageFromTheSwitchRestartsTheCountOfSilentIntervals() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            Duration interval = sw.config.echoInterval();
            sw.advance(interval);
            long xid = sw.expect(ECHO_REQUEST_13);
            sw.advance(interval);
            sw.expect(ECHO_REQUEST_13);

            sw.reply("04 03 00 08 xx xx xx xx", xid); // the switch answers (late)
            for (int i = 0; i < sw.config.echoMisses(); i++) {
                sw.advance(interval);
                sw.expect(ECHO_REQUEST_13);
            }
            assertThat(sw.channel.isActive()).as("open after echoMisses intervals from the reply").isTrue();

            sw.advance(interval);
            sw.assertClosedFor(Reason.IDLE);
        }
    }

    @Test
    void echoRequestIsAnsweredWithTheSameXidAndData() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_13);
            sw.feed("04 02 00 0f 12 34 56 78 77 65 66 74 21 0a 00");
            sw.expect("04 03 00 0f 12 34 56 78 77 65 66 74 21 0a 00");
            sw.expectNothingWritten();
            assertThat(sw.channel.isActive()).isTrue();
        }
    }

    @Test
    void echoRequestOnOpenFlow10IsAnswered() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.activate(OFVersion.OF_10);
            sw.feed("01 02 00 08 00 00 ab cd");
            sw.expect("01 03 00 08 00 00 ab cd");
        }
    }
}
