package io.weft.bench.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.ofswitch.EmulatedSwitch;
import io.weft.bench.ofswitch.LoopbackHandshakeTest;
import io.weft.bench.ofswitch.SwitchBehaviour;
import io.weft.bench.ofswitch.SwitchFleet;
import io.weft.bench.ofswitch.SwitchHarness;
import io.weft.bench.process.InProcessSouthbound;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.onosproject.net.DeviceId;
import io.weft.metrics.Counters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** Small batches through Weft's flow-rule service and the raw writer; each must arrive whole. */
@Timeout(60)
class InstallRunTest {

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void bothInstallersDeliverEveryRuleOfEveryBatch(OFVersion version) throws Exception {
        InstallSettings settings = new InstallSettings(version, 3, 4, List.of(30, 1_000), 100, 2, 50, Duration.ofMillis(2),
                1, Duration.ofSeconds(30));
        Counters counters = new Counters();
        InstallRun run = new InstallRun(settings, Progress.NONE, counters);

        InstallResult weft = run.measureWeft();
        InstallResult raw = run.measureRaw();

        assertThat(weft.batches()).extracting(InstallResult.Batch::rules).containsExactly(30, 1_000);
        assertThat(raw.batches()).extracting(InstallResult.Batch::rules).containsExactly(30, 1_000);
        assertThat(weft.batches()).allSatisfy(b -> assertThat(b.rates()).hasSize(2).allMatch(r -> r > 0));
        assertThat(raw.batches()).allSatisfy(b -> assertThat(b.rates()).hasSize(2).allMatch(r -> r > 0));
        assertThat(counters.get("weft.openflow.barrier.timeouts")).isZero();
        assertThat(counters.snapshot().keySet()).as("nothing refused, miscounted or timed out")
                .noneMatch(k -> k.startsWith("bench.switch.") || k.startsWith("bench.install."));
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void theRawWritersBytesAreTheFlowModsWeftSends(OFVersion version) throws Exception {
        List<byte[]> sentByWeft = new CopyOnWriteArrayList<>();
        SwitchBehaviour recording = new SwitchBehaviour() {
            @Override
            public void onFlowMod(EmulatedSwitch sw, ByteBuf frame) {
                sentByWeft.add(withoutXid(ByteBufUtil.getBytes(frame)));
            }
        };
        try (InProcessSouthbound weft = new InProcessSouthbound()) {
            InetSocketAddress address = weft.start();
            try (SwitchFleet fleet = SwitchFleet.connect(address, 1, version, 4, Duration.ZERO, 1, p -> recording,
                    new Counters())) {
                LoopbackHandshakeTest.await(() -> weft.activeDevices().size() == 1 && fleet.connected() == 1);
                sentByWeft.clear(); // the handshake's table-miss rule
                DeviceId device = weft.activeDevices().get(0).id();
                weft.flowRules().apply(device, RuleSet.operations(device, 0, 3, 3, 4).get(0)).get(10, TimeUnit.SECONDS);
            }
        }
        ByteBuf raw = Unpooled.buffer();
        RuleSet.encode(raw, version, 0, 3, 4);
        List<String> encoded = new ArrayList<>();
        while (raw.isReadable()) {
            byte[] message = new byte[raw.getUnsignedShort(raw.readerIndex() + 2)];
            raw.readBytes(message);
            encoded.add(SwitchHarness.hex(withoutXid(message)));
        }
        assertThat(sentByWeft.stream().map(SwitchHarness::hex).toList()).hasSize(3).isEqualTo(encoded);
    }

    private static byte[] withoutXid(byte[] message) {
        java.util.Arrays.fill(message, 4, 8, (byte) 0);
        return message;
    }

    @org.junit.jupiter.api.Test
    void sharesSplitABatchEvenly() {
        InstallSettings settings = new InstallSettings(OFVersion.OF_13, 3, 4, List.of(10), 0, 1, 0, Duration.ZERO, 1,
                Duration.ofSeconds(1));
        assertThat(List.of(settings.share(10, 0), settings.share(10, 1), settings.share(10, 2)))
                .containsExactly(4, 3, 3);
    }
}
