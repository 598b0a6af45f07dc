package io.weft.southbound.openflow;

import com.google.common.util.concurrent.MoreExecutors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceProviderService;
import io.weft.topology.device.Port;
import io.weft.topology.event.EventDispatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFPort;

/** The handshake of each version, byte for byte on both sides, up to ACTIVE. */
@Timeout(10)
class HandshakeGoldenTest {

    @Test
    void controllerHelloOnConnectOffersEveryVersionItSpeaks() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            assertThat(Hex.of(sw.written())).isEqualTo(
                    "06 00 00 10 00 00 00 00 00 01 00 08 00 00 00 72");
            sw.expectNothingWritten();
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_HELLO);
            assertThat(sw.counters.get("openflow.connections.accepted")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13", "OF_14", "OF_15"})
    void handshakeFollowsTheGoldenExchange(OFVersion version) {
        Handshakes.Handshake golden = Handshakes.of(version);
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.expect(Handshakes.CONTROLLER_HELLO);

            sw.feed(golden.switchHello());
            long featuresXid = sw.expect(golden.featuresRequest());
            sw.expectNothingWritten();
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_FEATURES_REPLY);

            sw.reply(golden.featuresReply(), featuresXid);
            assertThat(sw.session().isActive()).as("session usable before ACTIVE").isFalse();
            List<Long> xids = new ArrayList<>(List.of(featuresXid));
            if (golden.portDescRequest() != null) {
                long portsXid = sw.expect(golden.portDescRequest());
                xids.add(portsXid);
                for (String part : golden.portDescReplies()) {
                    assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_PORT_DESC);
                    sw.expectNothingWritten();
                    sw.reply(part, portsXid);
                }
            }
            long descXid = sw.expect(golden.descRequest());
            xids.add(descXid);
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_DESC);

            sw.reply(golden.descReply(), descXid);
            xids.add(sw.expect(golden.setConfig()));
            if (golden.tableMiss() != null) {
                xids.add(sw.expect(golden.tableMiss()));
            }
            long barrierXid = sw.expect(golden.barrierRequest());
            xids.add(barrierXid);
            sw.expectNothingWritten();
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_CONFIG_BARRIER);
            assertThat(sw.events.activated).isEmpty();
            assertThat(xids).as("xids of the controller's requests").doesNotHaveDuplicates();

            sw.reply(golden.barrierReply(), barrierXid);

            assertThat(sw.state()).isEqualTo(HandshakeState.ACTIVE);
            sw.expectNothingWritten();
            assertThat(sw.counters.get("openflow.handshakes.completed")).isEqualTo(1);
            assertThat(sw.closedCounters()).isEmpty();
            SwitchSession session = sw.session();
            assertThat(session.isActive()).isTrue();
            assertThat(session.datapathId()).isEqualTo(Handshakes.DATAPATH_ID);
            assertThat(session.deviceId()).isEqualTo(DeviceId.deviceId("of:000000000000002a"));
            assertThat(session.factory().getVersion()).isEqualTo(version);
            assertThat(sw.registry.size()).isEqualTo(1);

            assertThat(sw.events.activated).hasSize(1);
            RecordingSwitchEvents.Activation activation = sw.events.activated.get(0);
            assertThat(activation.session()).isSameAs(session);
            assertThat(activation.ports()).extracting(OFPortDesc::getPortNo)
                    .containsExactly(OFPort.of(1), OFPort.of(2));
            assertThat(activation.ports()).extracting(OFPortDesc::getName).containsExactly("s1-eth1", "s1-eth2");
            assertThat(activation.description().getMfrDesc()).isEqualTo("Weft Labs");
            assertThat(activation.description().getHwDesc()).isEqualTo("golden switch");
            assertThat(activation.description().getSwDesc()).isEqualTo("3.1.4");
            assertThat(activation.description().getSerialNum()).isEqualTo("42");
            assertThat(activation.description().getDpDesc()).isEqualTo("s1");
            assertThat(OpenFlowTranslator.ports(activation.ports()))
                    .extracting(Port::number, Port::speedMbps)
                    .containsExactly(
                            tuple(PortNumber.portNumber(1), 10_000L),
                            tuple(PortNumber.portNumber(2), 10_000L));
        }
    }

    @Test
    void echoRequestDuringTheHandshakeIsAnsweredWithoutLeavingTheState() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(OFVersion.OF_13);
            sw.feed("04 02 00 0a 00 00 00 63 ab cd");
            sw.expect("04 03 00 0a 00 00 00 63 ab cd");
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_FEATURES_REPLY);
        }
    }

    @Test
    void errorDuringTheHandshakeIsCountedAndTheHandshakeGoesOn() {
        try (SwitchConnection sw = SwitchConnection.open()) {
            sw.negotiate(OFVersion.OF_13);
            // ERROR BAD_REQUEST/BAD_TYPE with no data, for some earlier message.
            sw.feed("04 01 00 0c 00 00 00 99 00 01 00 01");
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_FEATURES_REPLY);
            assertThat(sw.counters.get("openflow.handshake.errors")).isEqualTo(1);
            sw.reply(Handshakes.OF_13.featuresReply(), 1);
            assertThat(sw.state()).isEqualTo(HandshakeState.WAIT_PORT_DESC);
        }
    }

    @Test
    void fixturePipelineIsTheServersPipeline() throws Exception {
        Counters counters = new Counters();
        KeyedSerialExecutor executor = new KeyedSerialExecutor("test", MoreExecutors.newDirectExecutorService(), 16, counters);
        OpenFlowServer server = new OpenFlowServer(OpenFlowConfig.DEFAULTS, new NoDevices(),
                new EventDispatcher(executor, counters), executor, counters);
        EmbeddedChannel serverChannel = EmbeddedChannel.builder().register(false).build();
        server.initPipeline(serverChannel);
        serverChannel.register();
        try (SwitchConnection sw = SwitchConnection.open()) {
            assertThat(sw.channel.pipeline().names()).isEqualTo(serverChannel.pipeline().names());
            for (String name : List.of("idle", "decoder", "encoder", "count", "switch")) {
                assertThat(sw.channel.pipeline().get(name)).as(name)
                        .hasSameClassAs(serverChannel.pipeline().get(name));
            }
            assertThat(((IdleStateHandler) sw.channel.pipeline().get("idle")).getReaderIdleTimeInMillis())
                    .isEqualTo(((IdleStateHandler) serverChannel.pipeline().get("idle")).getReaderIdleTimeInMillis());
        } finally {
            serverChannel.finishAndReleaseAll();
        }
    }

    private static final class NoDevices implements DeviceProviderService {
        @Override
        public void deviceConnected(DeviceId id, DeviceDescription description, List<Port> ports) {
        }

        @Override
        public void deviceDisconnected(DeviceId id) {
        }

        @Override
        public void portUpdated(DeviceId id, Port port) {
        }

        @Override
        public void portRemoved(DeviceId id, PortNumber number) {
        }
    }
}
