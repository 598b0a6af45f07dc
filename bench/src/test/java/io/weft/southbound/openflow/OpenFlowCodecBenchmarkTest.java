package io.weft.southbound.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.southbound.api.InboundPacket;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onosproject.net.PortNumber;
import org.openjdk.jmh.infra.Blackhole;

/** Each codec benchmark, run once, does the work it claims; and JMH can find them in the jar. */
class OpenFlowCodecBenchmarkTest {
    private static final String BLACKHOLE_CONSENT =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    @ParameterizedTest
    @ValueSource(strings = {"OF_10", "OF_13"})
    void everyBenchmarkDoesItsWork(String version) throws DeserializationException {
        OpenFlowCodecBenchmark b = new OpenFlowCodecBenchmark();
        b.version = version;
        b.setUp();
        try {
            InboundPacket in = b.packetInToInboundPacket();
            assertThat(in.inPort()).isEqualTo(PortNumber.portNumber(1));
            assertThat(in.parsed().getEtherType()).isEqualTo(Ethernet.TYPE_IPV4);
            assertThat(in.bufferId()).isEmpty();
            // A flow mod with a match of in_port, eth_src, eth_dst and one output is longer than its fixed part.
            assertThat(b.encodeFlowMod()).isGreaterThan(version.equals("OF_10") ? 72 : 56);
            assertThat(b.encodePacketOut()).isGreaterThan(64);
            b.decodePacketIns(new Blackhole(BLACKHOLE_CONSENT));
        } finally {
            b.tearDown();
        }
    }

    @Test
    void theAnnotationProcessorListedTheBenchmarksForJmh() throws IOException {
        StringBuilder lists = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/BenchmarkList"))) {
            try (InputStream list = url.openStream()) {
                lists.append(new String(list.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(lists.toString()).as("META-INF/BenchmarkList, written by JMH's annotation processor")
                .contains("OpenFlowCodecBenchmark", "decodePacketIns", "packetInToInboundPacket", "encodeFlowMod",
                        "encodePacketOut");
    }
}
