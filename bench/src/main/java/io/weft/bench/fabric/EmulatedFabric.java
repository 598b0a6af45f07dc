package io.weft.bench.fabric;

import io.netty.buffer.ByteBuf;
import io.weft.bench.ofswitch.EmulatedSwitch;
import io.weft.bench.ofswitch.SwitchBehaviour;
import io.weft.bench.ofswitch.SwitchProfile;
import io.weft.metrics.Counters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;

/**
 * A fabric of emulated switches wired together in this process. The switches connect to the
 * controller as a {@link io.weft.bench.ofswitch.SwitchFleet} whose behaviours come from
 * {@link #behaviour}; the fabric knows the wiring, so an LLDP packet-out a switch is given for
 * port P comes out of the cable there as a packet-in at the far end, with the same bytes, as
 * it would between real switches. Only LLDP and BDDP cross cables: the bench has no data
 * plane, it traces host frames through its model of the switches' flow tables instead
 * ({@link #trace}).
 *
 * <p>Counters: {@code bench.fabric.probes.relayed}; probes that go nowhere, each under its
 * reason ({@code .no_cable} out of a port without one, {@code .not_a_port}, {@code .cable_cut},
 * {@code .peer_not_ready} when the far switch has not reached the controller yet);
 * {@code bench.fabric.packet_outs.not_lldp}; {@code bench.fabric.flow_mods}; messages the
 * switch could not parse ({@code bench.fabric.unparsable.*}).
 */
public final class EmulatedFabric {
    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();
    private static final int ETHERTYPE_LLDP = 0x88cc;
    private static final int ETHERTYPE_BDDP = 0x8942;
    private static final int ETHERTYPE_IPV4 = 0x0800;

    private final Fabric fabric;
    private final Wiring wiring;
    private final OFVersion version;
    private final Counters counters;
    private final AtomicReferenceArray<EmulatedSwitch> switches;
    private final AtomicLongArray firstPacketOut;
    private final AtomicLongArray handshakeAt;
    /** Guarded by {@code this}. */
    private final FlowTableModel[] tables;
    private volatile FlowModListener listener = FlowModListener.NONE;

    public EmulatedFabric(Fabric fabric, OFVersion version, Counters counters) {
        this.fabric = fabric;
        this.wiring = new Wiring(fabric);
        this.version = version;
        this.counters = counters;
        this.switches = new AtomicReferenceArray<>(fabric.switches());
        this.firstPacketOut = new AtomicLongArray(fabric.switches());
        this.handshakeAt = new AtomicLongArray(fabric.switches());
        this.tables = new FlowTableModel[fabric.switches()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new FlowTableModel(version);
        }
    }

    public Fabric fabric() {
        return fabric;
    }

    public Wiring wiring() {
        return wiring;
    }

    /** The behaviour of the fleet's switch {@code profile}: give it to {@link io.weft.bench.ofswitch.SwitchFleet#connect}. */
    public SwitchBehaviour behaviour(SwitchProfile profile) {
        if (profile.index() >= fabric.switches() || profile.version() != version
                || profile.ports() != fabric.ports()) {
            throw new IllegalArgumentException(profile + " is not a switch of " + fabric.name() + " (" + version
                    + ", " + fabric.ports() + " ports)");
        }
        return new FabricSwitch(this, profile.index());
    }

    public void setFlowModListener(FlowModListener newListener) {
        this.listener = newListener;
    }

    /** Switches that answered the controller's FEATURES_REQUEST and are still connected. */
    public int readySwitches() {
        int ready = 0;
        for (int i = 0; i < switches.length(); i++) {
            EmulatedSwitch sw = switches.get(i);
            if (sw != null && sw.isOpen()) {
                ready++;
            }
        }
        return ready;
    }

    /**
     * When the last switch got its first packet-out: the controller probes a switch as soon as
     * it knows it, so this is when the controller knew every switch. Empty until then.
     */
    public OptionalLong everySwitchProbedAt() {
        return latest(firstPacketOut);
    }

    /**
     * When the first switch connected: it had its TCP connection and HELLO, and the controller
     * asked for its features. Taken here rather than around the connect call, so that the
     * bench's own start-up (its first connection sets up its event loop) is not counted.
     */
    public OptionalLong firstConnectedAt() {
        long first = Long.MAX_VALUE;
        for (int i = 0; i < handshakeAt.length(); i++) {
            long at = handshakeAt.get(i);
            if (at != 0) {
                first = Math.min(first, at);
            }
        }
        return first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(first);
    }

    /** When the last switch connected, in the sense of {@link #firstConnectedAt()}; empty until every switch has. */
    public OptionalLong everySwitchConnectedAt() {
        return latest(handshakeAt);
    }

    private static OptionalLong latest(AtomicLongArray times) {
        long last = Long.MIN_VALUE;
        for (int i = 0; i < times.length(); i++) {
            long at = times.get(i);
            if (at == 0) {
                return OptionalLong.empty();
            }
            last = Math.max(last, at);
        }
        return OptionalLong.of(last);
    }

    /** A frame from a host at {@code at}: a packet-in no rule asked for. False if that switch is not connected. */
    public boolean hostSends(Endpoint at, byte[] frame) {
        EmulatedSwitch sw = switches.get(at.switchIndex());
        if (sw == null || !sw.isOpen()) {
            return false;
        }
        deliver(sw, PacketIns.packetIn(version, at.port(), frame, false));
        return true;
    }

    /** Cuts a cable: nothing crosses it any more and both ends tell the controller their port went down. */
    public void cut(Cable cable) {
        wiring.setCut(cable, true);
        portStatus(cable, false);
    }

    /** Plugs a cut cable back in: both ends tell the controller their port came up. */
    public void restore(Cable cable) {
        wiring.setCut(cable, false);
        portStatus(cable, true);
    }

    private void portStatus(Cable cable, boolean up) {
        EmulatedSwitch a = connected(cable.a());
        EmulatedSwitch b = connected(cable.b());
        a.sendPortStatus(cable.a().port(), up);
        b.sendPortStatus(cable.b().port(), up);
    }

    private EmulatedSwitch connected(Endpoint end) {
        EmulatedSwitch sw = switches.get(end.switchIndex());
        if (sw == null || !sw.isOpen()) {
            throw new IllegalStateException("switch s" + (end.switchIndex() + 1) + " is not connected");
        }
        return sw;
    }

    /**
     * Follows a frame from {@code src} to {@code dst} (IPv4) that a host sends into port
     * {@code from}, through the rules the switches hold and the cables that are not cut, until
     * it leaves by {@code to} (delivered) or cannot go on.
     */
    public synchronized Trace trace(Endpoint from, long src, long dst, Endpoint to) {
        List<Endpoint> egress = new ArrayList<>();
        Endpoint at = from;
        for (int hop = 0; hop <= fabric.switches(); hop++) {
            Optional<FlowTableModel.Rule> rule = tables[at.switchIndex()].lookup(at.port(), src, dst, ETHERTYPE_IPV4);
            if (rule.isEmpty()) {
                return new Trace(false, egress, "no rule at " + at);
            }
            Optional<Integer> port = rule.get().outputs().stream().filter(p -> p > 0).findFirst();
            if (port.isEmpty()) {
                return new Trace(false, egress, "sent to the controller at " + at);
            }
            Endpoint out = new Endpoint(at.switchIndex(), port.get());
            egress.add(out);
            if (out.equals(to)) {
                return new Trace(true, egress, "delivered");
            }
            Optional<Cable> cable = wiring.cableAt(out);
            if (cable.isEmpty()) {
                return new Trace(false, egress, "out of " + out + ", which has no cable");
            }
            if (wiring.isCut(cable.get())) {
                return new Trace(false, egress, "into the cut cable " + cable.get());
            }
            at = cable.get().peer(out);
        }
        return new Trace(false, egress, "in a loop");
    }

    /**
     * How many rules for frames from or to {@code macs} send frames into, or take them from,
     * one of {@code ports}: the rules still on a cut cable.
     */
    public synchronized int rulesAt(Collection<Endpoint> ports, Set<Long> macs) {
        int count = 0;
        for (Endpoint port : ports) {
            for (FlowTableModel.Rule r : tables[port.switchIndex()].rules()) {
                boolean ours = r.match().ethSrc() != null && macs.contains(r.match().ethSrc())
                        || r.match().ethDst() != null && macs.contains(r.match().ethDst());
                boolean there = r.outputsTo(port.port()) || Integer.valueOf(port.port()).equals(r.match().inPort());
                if (ours && there) {
                    count++;
                }
            }
        }
        return count;
    }

    void register(int index, EmulatedSwitch sw) {
        handshakeAt.compareAndSet(index, 0, System.nanoTime());
        switches.set(index, sw);
    }

    void unregister(int index, EmulatedSwitch sw) {
        switches.compareAndSet(index, sw, null);
    }

    void packetOut(int index, ByteBuf frame) {
        firstPacketOut.compareAndSet(index, 0, System.nanoTime());
        if (!(parse(frame, "packet_out") instanceof OFPacketOut out)) {
            return;
        }
        byte[] data = out.getData();
        if (!isLldp(data)) {
            counters.increment("bench.fabric.packet_outs.not_lldp");
            return;
        }
        for (OFAction action : out.getActions()) {
            if (action instanceof OFActionOutput output) {
                int port = FlowTableModel.portNumber(version, output.getPort());
                if (port == FlowTableModel.NOT_A_PORT) {
                    counters.increment("bench.fabric.probes.not_a_port");
                } else {
                    relay(new Endpoint(index, port), data);
                }
            }
        }
    }

    private void relay(Endpoint from, byte[] data) {
        Optional<Cable> cable = wiring.cableAt(from);
        if (cable.isEmpty()) {
            counters.increment("bench.fabric.probes.no_cable");
            return;
        }
        if (wiring.isCut(cable.get())) {
            counters.increment("bench.fabric.probes.cable_cut");
            return;
        }
        Endpoint to = cable.get().peer(from);
        EmulatedSwitch peer = switches.get(to.switchIndex());
        if (peer == null || !peer.isOpen()) {
            counters.increment("bench.fabric.probes.peer_not_ready");
            return;
        }
        counters.increment("bench.fabric.probes.relayed");
        deliver(peer, PacketIns.packetIn(version, to.port(), data, true));
    }

    void flowMod(int index, ByteBuf frame) {
        long now = System.nanoTime();
        if (!(parse(frame, "flow_mod") instanceof OFFlowMod mod)) {
            return;
        }
        counters.increment("bench.fabric.flow_mods");
        synchronized (this) {
            tables[index].apply(mod);
            OFFlowModCommand command = mod.getCommand();
            listener.onFlowMod(index, command == OFFlowModCommand.DELETE || command == OFFlowModCommand.DELETE_STRICT,
                    now);
        }
    }

    private OFMessage parse(ByteBuf frame, String what) {
        try {
            OFMessage message = READER.readFrom(frame.duplicate());
            if (message != null) {
                return message;
            }
        } catch (OFParseError | RuntimeException e) {
            // counted below
        }
        counters.increment("bench.fabric.unparsable." + what);
        return null;
    }

    /** Writes a message from the switch on its own event loop, from whichever thread. */
    private void deliver(EmulatedSwitch sw, OFMessage message) {
        sw.eventLoop().execute(() -> {
            if (sw.isOpen()) {
                sw.write(message);
                sw.flush();
            } else {
                counters.increment("bench.fabric.packet_ins.unsent");
            }
        });
    }

    private static boolean isLldp(byte[] data) {
        if (data == null || data.length < 14) {
            return false;
        }
        int type = (data[12] & 0xff) << 8 | data[13] & 0xff;
        return type == ETHERTYPE_LLDP || type == ETHERTYPE_BDDP;
    }
}
