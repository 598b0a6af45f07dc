package io.weft.southbound.discovery;

import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.InboundPacket;
import io.weft.southbound.api.OutboundPacket;
import io.weft.southbound.api.PacketContext;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.DeviceService;
import io.weft.topology.device.Port;
import io.weft.topology.host.HostService;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.link.LinkProviderService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the links between switches: sends a signed LLDP probe out of every up port of every
 * available switch, and turns a probe that comes back in at another switch's port into a
 * directed link, from the port it left to the port it arrived at.
 *
 * <p>Every LLDP and BDDP packet-in is marked handled, believed or not, so that no forwarding
 * app ever floods or learns from one. A probe makes a link only when all of these hold, each
 * refusal counted under its own name:
 * <ol>
 * <li>it is one of ours, with a signature ({@code discovery.dropped.malformed} for frames
 *     that are not even well-formed LLDP, {@code discovery.dropped.unsigned} for others');
 * <li>the signature is right under the controller's secret ({@code discovery.dropped.forged});
 * <li>it is not older than {@link DiscoveryConfig#probeMaxAge()}, nor further in the future
 *     than {@link DiscoveryConfig#maxClockSkew()} ({@code discovery.dropped.stale});
 * <li>the same probe was not accepted before ({@code discovery.dropped.replayed});
 * <li>it names an available switch and an up port of it ({@code discovery.dropped.unknown_source});
 * <li>it did not come back to the port it left ({@code discovery.dropped.loopback});
 * <li>no host is known at either end ({@code discovery.dropped.host_port}): a probe sent out
 *     of a host's port can only come back because that host sent it again.
 * </ol>
 * So a host cannot make a link by forging a probe (no secret), by replaying one later (stale)
 * or elsewhere (replayed, if the original made its link), nor by relaying the probes its own
 * port receives to another port (host port). What remains possible is a pair of hosts that
 * have never sent a packet relaying probes between their ports within the maximum age: until
 * they speak, nothing tells them apart from a cable.
 *
 * <p>Thread-safe: packet-ins of different switches, the periodic {@link #probeAll()} and
 * device events may arrive concurrently.
 */
public final class LinkDiscovery implements PacketProcessor {
    /** The owner of the rules that send LLDP to the controller. */
    public static final AppId DISCOVERY = new AppId(2, "discovery");
    /** Above any rule an app installs for traffic, so that a forwarding rule cannot swallow probes. */
    public static final int PUNT_PRIORITY = 40_000;
    private static final Logger log = LoggerFactory.getLogger(LinkDiscovery.class);

    private final DiscoveryConfig config;
    private final ProbeSigner signer;
    private final DeviceService devices;
    private final HostService hosts;
    private final LinkProviderService links;
    private final PacketService packets;
    private final FlowRuleService flowRules;
    private final Clock clock;
    private final Counters counters;
    private final ReplayGuard replays;
    /** The last timestamp sent out of each port, so that no two probes of one port are alike. */
    private final Map<ConnectPoint, Long> lastSent = new ConcurrentHashMap<>();
    /** A switch connected since the last round: its neighbours' probes towards it went nowhere. */
    private final AtomicBoolean joined = new AtomicBoolean();

    /** @param secret the controller's discovery secret, at least {@link ProbeSigner#MIN_SECRET_LENGTH} bytes */
    public LinkDiscovery(DiscoveryConfig config, byte[] secret, DeviceService devices, HostService hosts,
                         LinkProviderService links, PacketService packets, FlowRuleService flowRules, Clock clock,
                         Counters counters) {
        this.config = config;
        this.signer = new ProbeSigner(secret);
        this.devices = devices;
        this.hosts = hosts;
        this.links = links;
        this.packets = packets;
        this.flowRules = flowRules;
        this.clock = clock;
        this.counters = counters;
        this.replays = new ReplayGuard(config.probeMaxAge().toMillis());
    }

    @Override
    public void process(PacketContext context) {
        InboundPacket in = context.packet();
        int etherType = in.parsed().getEtherType() & 0xffff;
        if (etherType != LldpProbe.ETHERTYPE_LLDP && etherType != LldpProbe.ETHERTYPE_BDDP) {
            return;
        }
        context.markHandled();
        try {
            String verdict = receive(in);
            counters.increment("discovery." + verdict);
        } catch (RuntimeException e) {
            // Never let one probe break packet processing; the cause is a bug worth a stack trace.
            counters.increment("discovery.dropped.error");
            log.error("discovery failed on a probe from {} port {}", in.device(), in.inPort(), e);
        }
    }

    /** Checks one probe, in the order of the class comment; the counter it earns, without "discovery.". */
    private String receive(InboundPacket in) {
        ConnectPoint dst = new ConnectPoint(in.device(), in.inPort());
        SignedProbe signed;
        switch (LldpProbe.decode(in.data())) {
            case LldpProbe.Decoded.Malformed m -> {
                return refuse("dropped.malformed", dst, m.reason());
            }
            case LldpProbe.Decoded.NotOurs n -> {
                return refuse("dropped.unsigned", dst, n.reason());
            }
            case LldpProbe.Decoded.Ours ours -> signed = ours.probe();
        }
        if (!signer.verify(signed)) {
            return refuse("dropped.forged", dst, signed.probe());
        }
        Probe probe = signed.probe();
        long now = clock.millis();
        long age = now - probe.timestampMillis();
        if (age > config.probeMaxAge().toMillis() || -age > config.maxClockSkew().toMillis()) {
            return refuse("dropped.stale", dst, probe + " is " + age + " ms old");
        }
        if (replays.seen(probe)) {
            return refuse("dropped.replayed", dst, probe);
        }
        ConnectPoint src = probe.source();
        boolean sourceUp = devices.device(src.device()).filter(Device::available)
                .flatMap(d -> d.port(src.port())).filter(Port::up).isPresent();
        if (!sourceUp) {
            return refuse("dropped.unknown_source", dst, src + " is not an up port of an available switch");
        }
        if (src.equals(dst)) {
            return refuse("dropped.loopback", dst, probe);
        }
        if (!hosts.hostsAt(dst).isEmpty() || !hosts.hostsAt(src).isEmpty()) {
            links.probeRefusedAt(dst);
            return refuse("dropped.host_port", dst, "hosts are known at " + src + " or " + dst);
        }
        if (!replays.accept(probe, now)) {
            return refuse("dropped.replayed", dst, probe);
        }
        links.linkSeen(new Link(src, dst));
        return "probes.accepted";
    }

    private static String refuse(String verdict, ConnectPoint at, Object why) {
        log.debug("probe at {} {}: {}", at, verdict, why);
        return verdict;
    }

    /**
     * A round of probes if a switch connected since the last one, to be called often (a few
     * times a second). A switch that connects probes its own ports at once, but the probes its
     * neighbours sent before it was there were lost: without this round the links towards it
     * would wait for the next periodic one, and its ports could settle as edge ports (where
     * hosts are learned and floods go out) before their links were found. Many switches
     * connecting together make one round per call, not one per switch.
     */
    public void probeAllIfJoined() {
        if (joined.get()) {
            counters.increment("discovery.rounds.joined");
            probeAll();
        }
    }

    /**
     * Sends a probe out of every up port of every available switch. Called every
     * {@link DiscoveryConfig#probeInterval()}; never throws, so that a scheduler keeps calling it.
     */
    public void probeAll() {
        joined.set(false);
        for (Device device : devices.devices()) {
            if (device.available()) {
                device.ports().forEach(port -> probe(device, port));
            }
        }
    }

    /**
     * Follows the devices: a switch that connects gets the rule that sends LLDP to the
     * controller and is probed at once, and so is a port that comes up, so that new links are
     * found without waiting for the next round.
     */
    public void onDeviceEvent(DeviceEvent event) {
        Device device = event.device();
        switch (event.type()) {
            case DEVICE_CONNECTED -> {
                installPuntRule(device);
                device.ports().forEach(port -> probe(device, port));
                joined.set(true);
            }
            case PORT_ADDED, PORT_UPDATED -> event.port().filter(p -> device.available())
                    .ifPresent(port -> probe(device, port));
            case PORT_REMOVED -> event.port().ifPresent(p -> lastSent.remove(new ConnectPoint(device.id(),
                    p.number())));
            case DEVICE_DISCONNECTED -> lastSent.keySet().removeIf(p -> p.device().equals(device.id()));
        }
    }

    /** The rule that sends every LLDP frame a switch receives to the controller. */
    public static FlowRule puntRule(DeviceId device) {
        return new FlowRule(device, 0, PUNT_PRIORITY, TrafficMatch.ANY.withEthType(LldpProbe.ETHERTYPE_LLDP),
                List.of(Action.output(PortNumber.CONTROLLER)), Cookies.cookie(DISCOVERY, 0), 0, 0);
    }

    private void installPuntRule(Device device) {
        CompletableFuture<Void> result;
        try {
            result = flowRules.install(puntRule(device.id()));
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((ok, error) -> {
            if (error != null) {
                counters.increment("discovery.rule_failures");
                log.warn("{} refused the LLDP punt rule; its links are found only while other rules send LLDP"
                        + " to the controller: {}", device.id(), error.toString());
            }
        });
    }

    private void probe(Device device, Port port) {
        if (!port.up() || port.number().isLogical()) {
            return;
        }
        ConnectPoint point = new ConnectPoint(device.id(), port.number());
        try {
            long now = clock.millis();
            long timestamp = lastSent.merge(point, now, (last, current) -> Math.max(last + 1, current));
            Probe probe = new Probe(DeviceIds.datapathId(device.id()), port.number().toLong(), timestamp);
            byte[] frame = LldpProbe.encode(signer.sign(probe), port.mac(), config.ttlSeconds());
            OutboundPacket out = new OutboundPacket(device.id(), PortNumber.CONTROLLER,
                    List.of(Action.output(port.number())), frame, OptionalInt.empty());
            counters.increment(packets.emit(out) ? "discovery.probes.sent" : "discovery.probes.unsent");
        } catch (RuntimeException e) {
            counters.increment("discovery.probes.failed");
            log.error("could not send a probe out of {}", point, e);
        }
    }
}
