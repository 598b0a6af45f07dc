package io.weft.southbound.discovery;

import io.weft.topology.MutableClock;
import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.RecordingFlowRuleService;
import io.weft.southbound.api.RecordingPacketService;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.DeviceManager;
import io.weft.topology.device.Port;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.host.HostConfig;
import io.weft.topology.host.HostManager;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.LinkManager;
import io.weft.topology.path.LinkWeigher;
import io.weft.topology.path.TopologyManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * The real device, link, host and topology managers with discovery and host learning wired
 * to them as the controller does, over a synchronous event dispatcher, a recording southbound
 * and a clock the test moves. No network.
 */
final class Fabric {
    static final byte[] SECRET = "weft test secret, not for a lab!".getBytes(StandardCharsets.US_ASCII);
    static final Duration EDGE_SETTLE = Duration.ofSeconds(3);
    static final DeviceDescription OVS = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0", "None",
            "OF_13");

    final Counters counters = new Counters();
    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));
    final EventDispatcher dispatcher = new EventDispatcher(
            new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 10_000, counters), counters);
    final DeviceManager devices = new DeviceManager(dispatcher);
    final LinkManager links = new LinkManager(dispatcher, clock, Duration.ofSeconds(10), counters);
    final HostManager hosts = new HostManager(dispatcher, clock, HostConfig.DEFAULTS, counters);
    final TopologyManager topology = new TopologyManager(devices, links, dispatcher, clock, EDGE_SETTLE,
            LinkWeigher.HOP_COUNT);
    final RecordingPacketService packets = new RecordingPacketService();
    final RecordingFlowRuleService flowRules = new RecordingFlowRuleService();
    final LinkDiscovery discovery;
    final HostLearner learner = new HostLearner(topology, hosts, counters);

    Fabric() {
        this(DiscoveryConfig.DEFAULTS);
    }

    Fabric(DiscoveryConfig config) {
        discovery = new LinkDiscovery(config, SECRET, devices, hosts, links, packets, flowRules, clock, counters);
        devices.addListener(links::onDeviceEvent);
        devices.addListener(hosts::onDeviceEvent);
        devices.addListener(topology::onDeviceEvent);
        devices.addListener(discovery::onDeviceEvent);
        links.addListener(topology::onLinkEvent);
        packets.addProcessor(0, discovery);
        packets.addProcessor(10, learner);
    }

    static DeviceId device(long dpid) {
        return DeviceIds.fromDatapathId(dpid);
    }

    static ConnectPoint point(long dpid, long port) {
        return new ConnectPoint(device(dpid), PortNumber.portNumber(port));
    }

    static Port port(long dpid, long number, boolean up) {
        return new Port(PortNumber.portNumber(number), "s" + dpid + "-eth" + number,
                MacAddress.valueOf(0x0e0000000000L | dpid << 8 | number), up, 10_000);
    }

    /** Connects switch {@code dpid} with the given ports, all up. */
    void connect(long dpid, long... ports) {
        devices.deviceConnected(device(dpid), OVS, Arrays.stream(ports).mapToObj(n -> port(dpid, n, true)).toList());
    }

    /** Lets the ports that came up so far settle into edge ports. */
    void settle() {
        clock.advance(EDGE_SETTLE);
    }

    /** A packet-in of {@code frame} at {@code at}, parsed as the southbound parses it. */
    static InboundPacket packetIn(ConnectPoint at, byte[] frame) {
        try {
            return new InboundPacket(at.device(), at.port(), Ethernet.deserializer().deserialize(frame, 0,
                    frame.length), frame, OptionalInt.empty());
        } catch (DeserializationException e) {
            throw new AssertionError("the southbound would drop this frame before any processor", e);
        }
    }

    /** Runs {@code frame} through the processors as a packet-in at {@code at}. */
    PacketContext deliver(ConnectPoint at, byte[] frame) {
        return packets.deliver(packetIn(at, frame));
    }

    /** The last probe emitted out of {@code from}. */
    byte[] probeOutOf(ConnectPoint from) {
        List<OutboundPacket> out = packets.emitted().stream()
                .filter(p -> p.device().equals(from.device()) && p.actions().equals(List.of(Action.output(from.port()))))
                .toList();
        if (out.isEmpty()) {
            throw new AssertionError("no probe was sent out of " + from);
        }
        return out.get(out.size() - 1).data();
    }

    /** Carries the last probe sent out of {@code from} over a cable to {@code to}. */
    PacketContext carry(ConnectPoint from, ConnectPoint to) {
        return deliver(to, probeOutOf(from));
    }

    /** The non-zero discovery counters, to check that a refusal counted exactly its own. */
    Map<String, Long> discoveryCounters() {
        return counters.snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith("discovery.") && e.getValue() != 0
                        && !e.getKey().startsWith("discovery.probes.sent"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
