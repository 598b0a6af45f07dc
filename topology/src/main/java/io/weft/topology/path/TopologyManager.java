package io.weft.topology.path;

import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceService;
import io.weft.topology.device.Port;
import io.weft.topology.event.Event;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.LinkEvent;
import io.weft.topology.link.LinkService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.onosproject.net.DeviceId;

/**
 * Keeps the current {@link Topology} snapshot, making a new one on every device and link
 * event and posting a {@link TopologyEvent} with it, and answers which ports are edge ports.
 *
 * <p>A port counts as an edge port only after it has been up for {@code edgeSettle}: long
 * enough for a discovery probe sent when it came up to have come back as a link. Until then
 * nothing is learned on it and no broadcast leaves through it, so a port between two switches
 * is never mistaken for a host's port while discovery is still finding the fabric. A
 * {@link ReservedPorts reserved} port (a tenant's attachment) is never an edge port either.
 *
 * <p>Snapshots are made once per batch of changes, not once per event: an event that arrives
 * while a snapshot is queued but not yet made rides along with it (its {@link TopologyEvent}
 * names them all as reasons). A snapshot costs time and memory in the size of the fabric, so
 * one per event made discovering a fabric of a thousand switches quadratic, and the snapshots
 * waiting in the event queue behind one another ran a 512 MiB heap out.
 */
public final class TopologyManager implements TopologyService {
    private final DeviceService devices;
    private final LinkService links;
    private final EventDispatcher dispatcher;
    private final Clock clock;
    private final Duration edgeSettle;
    private final ReservedPorts reserved;
    private final Map<ConnectPoint, Instant> upSince = new ConcurrentHashMap<>();
    /** Guarded by {@code this}: the events the queued snapshot will answer, if one is queued. */
    private final List<Event> pendingReasons = new ArrayList<>();
    private boolean refreshQueued;
    private volatile Topology current;

    public TopologyManager(DeviceService devices, LinkService links, EventDispatcher dispatcher, Clock clock,
                           Duration edgeSettle, LinkWeigher weigher) {
        this(devices, links, dispatcher, clock, edgeSettle, weigher, ReservedPorts.NONE);
    }

    /** @param reserved ports that are never edge ports, whatever their state (tenants' attachments) */
    public TopologyManager(DeviceService devices, LinkService links, EventDispatcher dispatcher, Clock clock,
                           Duration edgeSettle, LinkWeigher weigher, ReservedPorts reserved) {
        this.reserved = reserved;
        this.devices = devices;
        this.links = links;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.edgeSettle = edgeSettle;
        this.current = Topology.empty(weigher);
    }

    @Override
    public Topology topology() {
        return current;
    }

    @Override
    public boolean isEdge(ConnectPoint point) {
        Instant since = upSince.get(point);
        return since != null && !since.plus(edgeSettle).isAfter(clock.instant())
                && !links.isInfrastructure(point) && !reserved.isReserved(point)
                && devices.device(point.device()).filter(Device::available)
                        .flatMap(d -> d.port(point.port())).filter(Port::up).isPresent();
    }

    @Override
    public List<ConnectPoint> edgePorts(DeviceId device) {
        return devices.device(device).stream().flatMap(d -> d.ports().stream())
                .map(p -> new ConnectPoint(device, p.number())).filter(this::isEdge).toList();
    }

    @Override
    public void addListener(EventListener<TopologyEvent> listener) {
        dispatcher.addListener(TopologyEvent.class, listener);
    }

    public void onDeviceEvent(DeviceEvent event) {
        DeviceId id = event.device().id();
        Instant now = clock.instant();
        switch (event.type()) {
            case DEVICE_CONNECTED -> {
                // A (re)connected switch starts afresh: its ports settle again before they count as edge.
                upSince.keySet().removeIf(p -> p.device().equals(id));
                event.device().ports().stream().filter(Port::up)
                        .forEach(p -> upSince.put(new ConnectPoint(id, p.number()), now));
            }
            case DEVICE_DISCONNECTED -> upSince.keySet().removeIf(p -> p.device().equals(id));
            case PORT_ADDED, PORT_UPDATED, PORT_REMOVED -> event.port().ifPresent(p -> {
                ConnectPoint point = new ConnectPoint(id, p.number());
                if (p.up() && event.type() != DeviceEvent.Type.PORT_REMOVED) {
                    upSince.putIfAbsent(point, now);
                } else {
                    upSince.remove(point);
                }
            });
        }
        if (event.type() == DeviceEvent.Type.DEVICE_CONNECTED || event.type() == DeviceEvent.Type.DEVICE_DISCONNECTED) {
            requestRefresh(event);
        }
    }

    public void onLinkEvent(LinkEvent event) {
        requestRefresh(event);
    }

    /**
     * Queues a new snapshot behind the events already queued, unless one is queued already: that
     * one reads the devices and links when it runs, so it will include this change too.
     */
    private void requestRefresh(Event reason) {
        synchronized (this) {
            pendingReasons.add(reason);
            if (refreshQueued) {
                return;
            }
            refreshQueued = true;
        }
        if (!dispatcher.execute(TopologyEvent.SUBJECT, this::refresh)) {
            // The event queue is full or closing: make the snapshot now rather than lose the change.
            refresh();
        }
    }

    private synchronized void refresh() {
        List<Event> reasons = List.copyOf(pendingReasons);
        pendingReasons.clear();
        refreshQueued = false;
        if (reasons.isEmpty()) {
            return;
        }
        Set<DeviceId> available = devices.devices().stream().filter(Device::available).map(Device::id)
                .collect(Collectors.toSet());
        current = current.next(available, new HashSet<>(links.links()));
        dispatcher.post(new TopologyEvent(current, reasons));
    }
}
