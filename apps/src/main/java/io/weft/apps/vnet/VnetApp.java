package io.weft.apps.vnet;

import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowDiff;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceService;
import io.weft.topology.device.Port;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.path.ReservedPorts;
import io.weft.topology.path.Topology;
import io.weft.topology.path.TopologyEvent;
import io.weft.topology.path.TopologyService;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualHostProviderService;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkEvent;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import io.weft.topology.virtual.VirtualRealizationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the fabric's flow rules in step with the tenants' virtual networks: on every change of
 * a network, of the topology, or a switch connecting, it reads the networks again, compiles
 * them ({@link VnetCompiler}) and sends each device only the difference from what it was last
 * sent ({@link FlowDiff}).
 *
 * <p>Compiles run one at a time on {@code executor}, and a burst of events while one runs
 * makes one more compile, not one per event. A device that is not connected is skipped. A
 * device that connects has its virtual-network rules read back first ({@link
 * FlowRuleService#read}): what it holds becomes what it was sent, so rules left from before a
 * restart or a disconnect are corrected, never wiped. For {@code adoptHold} after the read,
 * rules of networks that still exist are neither removed nor replaced, since the view they
 * are judged by (links, learned hosts) is still being rebuilt; rules of networks that are
 * gone, and rules that send out of a port that is down, go at once.
 * A device whose read or update failed is sent whole on the next compile, with every rule it
 * may still hold that it should not removed.
 */
public final class VnetApp implements VirtualRealizationService, VnetDirectory {
    private static final Logger log = LoggerFactory.getLogger(VnetApp.class);

    private final VirtualNetworkService networks;
    private final VirtualHostProviderService hosts;
    private final TopologyService topology;
    private final DeviceService devices;
    private final FlowRuleService flowRules;
    private final Executor executor;
    private final Counters counters;
    private final VnetCompiler compiler;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    /** What each device was sent and may hold; guarded by this. */
    private final Map<DeviceId, Set<FlowRule>> installed = new HashMap<>();
    /** Devices to send their whole rule set to, their tables being unknown; guarded by this. */
    private final Set<DeviceId> resend = new HashSet<>();
    /** Devices whose rules are being read back, by the read in flight; guarded by this. */
    private final Map<DeviceId, Object> reading = new HashMap<>();
    /** Connected devices whose rules were read back (or failed to be) since they connected; guarded by this. */
    private final Set<DeviceId> known = new HashSet<>();
    /** Until when rules of live networks read back from a device are kept, and those rules; guarded by this. */
    private final Map<DeviceId, Instant> holding = new HashMap<>();
    private final Map<DeviceId, Set<FlowRule>> adopted = new HashMap<>();
    /** Updates sent per device, so that an audit read that an update may have overtaken is not trusted; guarded by this. */
    private final Map<DeviceId, Long> updatesSent = new HashMap<>();
    /** Devices whose audit read is in flight; guarded by this. */
    private final Set<DeviceId> auditing = new HashSet<>();
    private final Clock clock;
    private final Duration adoptHold;
    private volatile VnetDirectory directory = VnetDirectory.of(List.of());
    private volatile Map<VirtualLink, LinkRealization> realizations = Map.of();

    public VnetApp(VirtualNetworkService networks, VirtualHostProviderService hosts, TopologyService topology,
                   DeviceService devices, FlowRuleService flowRules, Executor executor, Clock clock,
                   Duration adoptHold, Counters counters) {
        this.networks = networks;
        this.hosts = hosts;
        this.topology = topology;
        this.devices = devices;
        this.flowRules = flowRules;
        this.executor = executor;
        this.clock = clock;
        this.adoptHold = adoptHold;
        this.counters = counters;
        this.compiler = new VnetCompiler(counters);
    }

    public void onVirtualNetworkEvent(VirtualNetworkEvent event) {
        requestCompile();
    }

    public void onTopologyEvent(TopologyEvent event) {
        requestCompile();
    }

    /**
     * A switch that connects may have lost its rules, or kept ones it should no longer have:
     * they are read first, and nothing is sent to it until they are.
     */
    public void onDeviceEvent(DeviceEvent event) {
        DeviceId device = event.device().id();
        if (event.type() == DeviceEvent.Type.DEVICE_DISCONNECTED) {
            synchronized (this) {
                known.remove(device);
                reading.remove(device);
                holding.remove(device);
                adopted.remove(device);
            }
            return;
        }
        if (event.type() != DeviceEvent.Type.DEVICE_CONNECTED) {
            return;
        }
        Object read = new Object();
        synchronized (this) {
            known.remove(device);
            reading.put(device, read);
        }
        readBack(device).whenComplete((held, error) -> adopt(device, read, held, error));
    }

    /** This app's rules as {@code device} holds them; a failure to ask fails the future too. */
    private CompletableFuture<List<FlowRule>> readBack(DeviceId device) {
        try {
            return flowRules.read(device, VnetCompiler.cookie(0), VnetCompiler.COOKIE_MASK);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void adopt(DeviceId device, Object read, List<FlowRule> held, Throwable error) {
        synchronized (this) {
            if (!reading.remove(device, read)) {
                return; // the device went away or connected again meanwhile: a newer read stands
            }
            known.add(device);
            if (error != null) {
                counters.increment("vnet.reconcile.read_failed");
                log.warn("reading the virtual networks' rules back from {} failed; they are sent whole: {}",
                        device, error.toString());
                resend.add(device);
            } else {
                counters.increment("vnet.reconcile.reads");
                resend.remove(device);
                if (held.isEmpty()) {
                    installed.remove(device);
                } else {
                    installed.put(device, Set.copyOf(held));
                }
                holding.put(device, clock.instant().plus(adoptHold));
                adopted.put(device, Set.copyOf(held));
            }
        }
        if (error == null) {
            relearn(device, held);
        }
        requestCompile();
    }

    /**
     * Learned hosts live in memory only: after a restart, the rules that deliver frames to a
     * host at its attachment say where it is, so it is learned again from them (without its
     * IP addresses, which the next ARP it sends brings back) and its rules stay.
     */
    private void relearn(DeviceId device, List<FlowRule> held) {
        Map<Integer, NetworkSpec> byTag = new HashMap<>();
        specs().forEach(spec -> byTag.put(spec.network().tag(), spec));
        for (FlowRule rule : held) {
            OptionalInt tag = VnetCompiler.tagOf(rule.cookie());
            NetworkSpec spec = tag.isPresent() ? byTag.get(tag.getAsInt()) : null;
            if (spec == null || rule.match().ethDst().isEmpty() || rule.match().ethDst().get().isMulticast()
                    || rule.match().ethDst().get().equals(MacAddress.ZERO)) {
                continue;
            }
            deliveredTo(device, rule, spec).ifPresent(port -> {
                MacAddress mac = rule.match().ethDst().get();
                if (networks.host(spec.network().id(), mac).isEmpty()) {
                    counters.increment("vnet.reconcile.hosts_relearned");
                    hosts.hostLearned(new VirtualHost(spec.network().id(), mac, Set.of(), port, false));
                }
            });
        }
    }

    /** The edge port of {@code spec} that {@code rule} delivers frames out of, if it is a delivery rule. */
    private static Optional<VirtualPortId> deliveredTo(DeviceId device, FlowRule rule, NetworkSpec spec) {
        if (rule.actions().isEmpty() || !(rule.actions().get(rule.actions().size() - 1) instanceof Action.Output out)
                || out.port().isLogical()) {
            return Optional.empty();
        }
        Optional<VlanId> leaving = rule.match().vlan();
        for (Action action : rule.actions()) {
            switch (action) {
                case Action.PopVlan pop -> leaving = Optional.of(VlanId.NONE);
                case Action.PushVlan push -> leaving = Optional.of(push.vlan());
                case Action.SetVlan set -> leaving = Optional.of(set.vlan());
                case Action.Output output -> {
                }
            }
        }
        ConnectPoint point = new ConnectPoint(device, out.port());
        Optional<VlanId> tag = leaving;
        return spec.edges().entrySet().stream()
                .filter(edge -> edge.getValue().point().equals(point))
                .filter(edge -> edge.getValue().vlan().isEmpty()
                        || tag.isPresent() && edge.getValue().vlan().equals(tag))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * Reads back the rules of every connected device that is not being read or held, and
     * where a device holds other rules than it was sent (removed or added by hand, lost in a
     * switch restart), takes what it holds as the truth and compiles: the difference is
     * repaired, and counted ({@code vnet.audit.repaired}). To be called periodically.
     */
    public void audit() {
        Map<DeviceId, Long> due = new HashMap<>();
        synchronized (this) {
            for (DeviceId device : known) {
                if (!reading.containsKey(device) && !holding.containsKey(device) && auditing.add(device)) {
                    due.put(device, updatesSent.getOrDefault(device, 0L));
                }
            }
        }
        due.forEach((device, sent) -> readBack(device).whenComplete((held, error) -> audited(device, sent, held,
                error)));
    }

    private void audited(DeviceId device, long sent, List<FlowRule> held, Throwable error) {
        synchronized (this) {
            auditing.remove(device);
            if (error != null) {
                counters.increment("vnet.audit.read_failed");
                return;
            }
            counters.increment("vnet.audit.reads");
            if (!known.contains(device) || reading.containsKey(device)
                    || updatesSent.getOrDefault(device, 0L) != sent) {
                counters.increment("vnet.audit.overtaken");
                return;
            }
            Set<FlowRule> believed = installed.getOrDefault(device, Set.of());
            Set<FlowRule> found = Set.copyOf(held);
            if (found.equals(believed)) {
                return;
            }
            long missing = believed.stream().filter(rule -> !found.contains(rule)).count();
            long extra = found.stream().filter(rule -> !believed.contains(rule)).count();
            counters.add("vnet.audit.missing", missing);
            counters.add("vnet.audit.unexpected", extra);
            counters.add("vnet.audit.repaired", missing + extra);
            log.info("{} holds {} tenant rules it was not sent and lacks {} it was: repairing", device, extra,
                    missing);
            if (found.isEmpty()) {
                installed.remove(device);
            } else {
                installed.put(device, found);
            }
        }
        requestCompile();
    }

    /**
     * Ends the holds that are due, compiling again so that what they kept is judged: to be
     * called periodically (every second or so).
     */
    public void expireHolds() {
        boolean expired;
        synchronized (this) {
            Instant now = clock.instant();
            expired = holding.values().removeIf(until -> !until.isAfter(now));
            adopted.keySet().retainAll(holding.keySet());
        }
        if (expired) {
            requestCompile();
        }
    }

    /**
     * The packet processor for tenants' traffic, to run after discovery and before default host
     * learning and forwarding: {@link VnetProxyArp} over this app's networks, then any packet
     * left from a port some tenant has an attachment on (an attachment in no network yet, or
     * another VLAN of the port) is taken too, so default forwarding never acts on it.
     *
     * @param reserved the ports tenants have attachments on
     */
    public PacketProcessor packetProcessor(PacketService packets, VirtualHostProviderService hosts,
                                           ReservedPorts reserved) {
        VnetProxyArp proxy = new VnetProxyArp(this, hosts::hostLearned, packets, counters);
        return context -> {
            proxy.process(context);
            if (!context.isHandled() && reserved.isReserved(context.packet().receivedAt())) {
                context.markHandled();
                counters.increment("vnet.dropped.unbound_attachment");
            }
        };
    }

    /** Compiles soon, on the executor; requests while one compile waits or runs make one more compile. */
    public void requestCompile() {
        dirty.set(true);
        if (running.compareAndSet(false, true)) {
            submit();
        }
    }

    private void submit() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The controller is closing: there is nothing left to compile for.
            running.set(false);
            counters.increment("vnet.compile.rejected");
        }
    }

    private void drain() {
        try {
            while (dirty.getAndSet(false)) {
                try {
                    compile();
                } catch (RuntimeException e) {
                    counters.increment("vnet.compile.failed");
                    log.error("compiling the virtual networks failed; the switches keep their rules", e);
                }
            }
        } finally {
            running.set(false);
        }
        // A request between the last check and clearing the flag would otherwise wait for the next one.
        if (dirty.get() && running.compareAndSet(false, true)) {
            submit();
        }
    }

    private synchronized void compile() {
        List<NetworkSpec> specs = specs();
        Topology now = topology.topology();
        Map<DeviceId, Set<FlowRule>> desired = compiler.compile(specs, now);
        directory = VnetDirectory.of(specs);
        realizations = Realizations.of(specs, now);
        Map<DeviceId, Set<FlowRule>> base = new HashMap<>(installed);
        for (DeviceId device : resend) {
            Set<FlowRule> stale = new HashSet<>(installed.getOrDefault(device, Set.of()));
            stale.removeAll(desired.getOrDefault(device, Set.of()));
            base.put(device, stale);
        }
        Map<DeviceId, Set<FlowRule>> target = withHeld(desired, specs);
        Set<DeviceId> touched = new HashSet<>(base.keySet());
        touched.addAll(target.keySet());
        Map<DeviceId, List<FlowOperation>> operations = FlowDiff.diff(base, target);
        for (DeviceId device : touched) {
            if (!known.contains(device) || !connected(device)) {
                if (operations.containsKey(device)) {
                    counters.increment("vnet.apply.deferred");
                }
                continue;
            }
            resend.remove(device);
            List<FlowOperation> ops = operations.get(device);
            if (ops == null) {
                continue;
            }
            Set<FlowRule> before = installed.getOrDefault(device, Set.of());
            Set<FlowRule> want = target.getOrDefault(device, Set.of());
            if (want.isEmpty()) {
                installed.remove(device);
            } else {
                installed.put(device, want);
            }
            counters.increment("vnet.apply.updates");
            updatesSent.merge(device, 1L, Long::sum);
            flowRules.apply(device, ops).whenComplete((ok, error) -> {
                if (error != null) {
                    failed(device, before, ops, error);
                }
            });
        }
    }

    /**
     * The desired rules, except on devices whose hold runs: there, the rules they were found
     * holding that belong to networks that still exist stay as they are, and only what does not
     * take their place is added.
     */
    private Map<DeviceId, Set<FlowRule>> withHeld(Map<DeviceId, Set<FlowRule>> desired, List<NetworkSpec> specs) {
        Instant now = clock.instant();
        Set<Integer> liveTags = new HashSet<>();
        specs.forEach(spec -> liveTags.add(spec.network().tag()));
        Map<DeviceId, Set<FlowRule>> target = new HashMap<>(desired);
        holding.forEach((device, until) -> {
            if (!until.isAfter(now)) {
                return;
            }
            Set<FlowRule> want = desired.getOrDefault(device, Set.of());
            Set<FlowRule> still = installed.getOrDefault(device, Set.of());
            Set<FlowRule> found = adopted.getOrDefault(device, Set.of());
            Set<FlowRule> kept = FlowDiff.withKept(found, want, rule -> {
                if (!still.contains(rule) || !sendsToLivePortsOnly(device, rule)) {
                    return false;
                }
                OptionalInt tag = VnetCompiler.tagOf(rule.cookie());
                return tag.isPresent() && liveTags.contains(tag.getAsInt());
            });
            long held = kept.stream().filter(rule -> !want.contains(rule)).count();
            if (held > 0) {
                counters.add("vnet.reconcile.held", held);
                target.put(device, kept);
            }
        });
        return target;
    }

    /** A rule that sends out of a port that is down carries nothing: holding it would only delay its repair. */
    private boolean sendsToLivePortsOnly(DeviceId device, FlowRule rule) {
        Optional<Device> held = devices.device(device);
        for (Action action : rule.actions()) {
            if (action instanceof Action.Output out && !out.port().isLogical()
                    && !held.flatMap(d -> d.port(out.port())).map(Port::up).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    /** The device may hold any rule it held or was sent: the next compile sends it all and removes the rest. */
    private synchronized void failed(DeviceId device, Set<FlowRule> before, List<FlowOperation> ops, Throwable error) {
        counters.increment("vnet.apply.failed");
        log.warn("updating the virtual networks' rules on {} failed; they are sent again with the next change: {}",
                device, error.toString());
        Set<FlowRule> maybe = new HashSet<>(installed.getOrDefault(device, Set.of()));
        maybe.addAll(before);
        ops.stream().filter(op -> op.type() != FlowOperation.Type.REMOVE).forEach(op -> maybe.add(op.rule()));
        installed.put(device, maybe);
        resend.add(device);
    }

    private boolean connected(DeviceId device) {
        return devices.device(device).filter(Device::available).isPresent();
    }

    /** Every network as the service holds it now, with its edge ports' attachments and its hosts. */
    private List<NetworkSpec> specs() {
        List<NetworkSpec> specs = new ArrayList<>();
        for (VirtualNetwork network : networks.networks()) {
            Map<VirtualPortId, Attachment> edges = new HashMap<>();
            for (VirtualPort port : networks.ports(network.id())) {
                port.attachment().flatMap(a -> networks.attachment(network.tenant(), a))
                        .ifPresent(a -> edges.put(port.id(), a));
            }
            specs.add(new NetworkSpec(network, edges, networks.links(network.id()), networks.hosts(network.id())));
        }
        return specs;
    }

    /** The rules this app believes {@code device} holds (for tests and diagnostics). */
    public synchronized Set<FlowRule> installed(DeviceId device) {
        return Set.copyOf(installed.getOrDefault(device, Set.of()));
    }

    @Override
    public LinkRealization link(VirtualLink link) {
        return realizations.getOrDefault(link, LinkRealization.UNKNOWN);
    }

    @Override
    public Optional<NetworkSpec> networkAt(ConnectPoint port, VlanId vlan) {
        return directory.networkAt(port, vlan);
    }

    @Override
    public Optional<NetworkSpec> networkTagged(int tag) {
        return directory.networkTagged(tag);
    }
}
