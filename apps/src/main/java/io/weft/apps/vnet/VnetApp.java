package io.weft.apps.vnet;

import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.PacketProcessor;
import io.weft.southbound.api.PacketService;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceService;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.path.ReservedPorts;
import io.weft.topology.path.Topology;
import io.weft.topology.path.TopologyEvent;
import io.weft.topology.path.TopologyService;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.VirtualHostProviderService;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualNetworkEvent;
import io.weft.topology.virtual.VirtualNetworkService;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import io.weft.topology.virtual.VirtualRealizationService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * makes one more compile, not one per event. A device that is not connected is skipped, and
 * its rules are sent whole when it connects; a device whose update failed is sent whole on
 * the next compile, with every rule it may still hold that it should not removed.
 */
public final class VnetApp implements VirtualRealizationService, VnetDirectory {
    private static final Logger log = LoggerFactory.getLogger(VnetApp.class);

    private final VirtualNetworkService networks;
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
    private volatile VnetDirectory directory = VnetDirectory.of(List.of());
    private volatile Map<VirtualLink, LinkRealization> realizations = Map.of();

    public VnetApp(VirtualNetworkService networks, TopologyService topology, DeviceService devices,
                   FlowRuleService flowRules, Executor executor, Counters counters) {
        this.networks = networks;
        this.topology = topology;
        this.devices = devices;
        this.flowRules = flowRules;
        this.executor = executor;
        this.counters = counters;
        this.compiler = new VnetCompiler(counters);
    }

    public void onVirtualNetworkEvent(VirtualNetworkEvent event) {
        requestCompile();
    }

    public void onTopologyEvent(TopologyEvent event) {
        requestCompile();
    }

    /** A switch that connects may have lost its rules, or kept ones it should no longer have. */
    public void onDeviceEvent(DeviceEvent event) {
        if (event.type() == DeviceEvent.Type.DEVICE_CONNECTED) {
            synchronized (this) {
                resend.add(event.device().id());
            }
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
        Set<DeviceId> touched = new HashSet<>(base.keySet());
        touched.addAll(desired.keySet());
        Map<DeviceId, List<FlowOperation>> operations = FlowDiff.diff(base, desired);
        for (DeviceId device : touched) {
            if (!connected(device)) {
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
            Set<FlowRule> want = desired.getOrDefault(device, Set.of());
            if (want.isEmpty()) {
                installed.remove(device);
            } else {
                installed.put(device, want);
            }
            counters.increment("vnet.apply.updates");
            flowRules.apply(device, ops).whenComplete((ok, error) -> {
                if (error != null) {
                    failed(device, before, ops, error);
                }
            });
        }
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
