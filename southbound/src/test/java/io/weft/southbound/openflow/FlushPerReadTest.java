package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** Answers written while a switch's read is handled go out when the read ends, in one flush. */
@Timeout(10)
class FlushPerReadTest {
    private final SwitchConnection sw = SwitchConnection.open();

    @AfterEach
    void closeConnection() {
        sw.close();
    }

    private static OFMessage echo(SwitchSession session) {
        return session.factory().buildEchoRequest().setXid(session.nextXid()).setData(new byte[0]).build();
    }

    @Test
    void writesDuringAReadWaitForItsEndNotForALaterTurnOfTheEventLoop() {
        SwitchSession session = sw.activate(OFVersion.OF_13);

        session.readStarted();
        session.send(echo(session));
        session.send(echo(session));
        sw.channel.runPendingTasks();
        assertThat(sw.channel.outboundMessages()).as("nothing flushed while the read goes on").isEmpty();

        session.readComplete();
        assertThat(sw.channel.outboundMessages()).hasSize(2);
        sw.written();
        sw.written();
    }

    @Test
    void writesOutsideAReadAreFlushedByTheEventLoop() {
        SwitchSession session = sw.activate(OFVersion.OF_13);

        session.send(echo(session));
        assertThat(sw.channel.outboundMessages()).isEmpty();

        sw.channel.runPendingTasks();
        assertThat(sw.channel.outboundMessages()).hasSize(1);
        sw.written();
    }
}
