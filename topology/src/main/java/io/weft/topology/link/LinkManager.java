package io.weft.topology.link;

import io.weft.metrics.Counters;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.onosproject.net.DeviceId;

/**
 * Keeps discovered links in memory (derived state, found again after a restart). A link goes
 * away at once when a port at either end goes down or disappears or its device disconnects,
 * and otherwise when no probe has crossed it for {@code maxAge} ({@link #expire()}).
 *
 * <p>Probes reach {@link #linkSeen} from packet workers, while port and device changes arrive
 * on the event thread; a probe a worker still held when its port went down would otherwise
 * bring the dead link back for a whole {@code maxAge}. So the ports last reported down or
 * removed, and the devices last reported disconnected, are remembered, and a link touching
 * one of them is refused and counted ({@code links.dropped.port_down}) until it comes back.
 */
public final class LinkManager implements LinkService, LinkProviderService {
    /** Device ids are fixed-width text, so they sort as strings; port numbers must sort as numbers. */
    private static final Comparator<ConnectPoint> POINT_ORDER = Comparator
            .comparing((ConnectPoint p) -> p.device().toString()).thenComparingLong(p -> p.port().toLong());
    private static final Comparator<Link> ORDER = Comparator.comparing(Link::src, POINT_ORDER)
            .thenComparing(Link::dst, POINT_ORDER);

    private final Map<Link, Instant> lastSeen = new ConcurrentHashMap<>();
    /**
     * Counts changes to the set of links (not to when they were last seen). The sorted list
     * is kept for the count it was made at: the topology, the expiry check and the REST API
     * read it far more often than links come and go, and sorting a fabric's thousands of links
     * by their text on every read was most of a re-route's time on a 1,000-switch grid.
     */
    private final AtomicLong changes = new AtomicLong();
    private volatile SortedLinks sorted = new SortedLinks(0, List.of());
    /** How many links end at each connect point, so that packet-in paths ask in constant time. */
    private final Map<ConnectPoint, Integer> ends = new ConcurrentHashMap<>();
    /** Ports where a genuine probe arrived without making a link, and when it last did. */
    private final Map<ConnectPoint, Instant> probedAt = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private final Set<ConnectPoint> deadPorts = new HashSet<>();
    /** Guarded by {@code this}. */
    private final Set<DeviceId> deadDevices = new HashSet<>();
    private final EventDispatcher dispatcher;
    private final Clock clock;
    private final Duration maxAge;
    private final Counters counters;

    public LinkManager(EventDispatcher dispatcher, Clock clock, Duration maxAge, Counters counters) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.maxAge = maxAge;
        this.counters = counters;
    }

    private record SortedLinks(long changes, List<Link> links) {
    }

    @Override
    public List<Link> links() {
        SortedLinks cached = sorted;
        // Read the count before the links: a change made meanwhile makes the next call sort again.
        long now = changes.get();
        if (cached.changes() == now) {
            return cached.links();
        }
        List<Link> links = lastSeen.keySet().stream().sorted(ORDER).toList();
        sorted = new SortedLinks(now, links);
        return links;
    }

    @Override
    public boolean isInfrastructure(ConnectPoint point) {
        if (ends.containsKey(point)) {
            return true;
        }
        Instant refused = probedAt.get(point);
        if (refused == null) {
            return false;
        }
        if (!clock.instant().isAfter(refused.plus(maxAge))) {
            return true;
        }
        probedAt.remove(point, refused);
        return false;
    }

    @Override
    public void probeRefusedAt(ConnectPoint port) {
        if (probedAt.put(port, clock.instant()) == null) {
            counters.increment("links.probed_ports");
        }
    }

    @Override
    public void addListener(EventListener<LinkEvent> listener) {
        dispatcher.addListener(LinkEvent.class, listener);
    }

    @Override
    public synchronized void linkSeen(Link link) {
        if (isDead(link.src()) || isDead(link.dst())) {
            counters.increment("links.dropped.port_down");
            return;
        }
        if (lastSeen.put(link, clock.instant()) == null) {
            changes.incrementAndGet();
            ends.merge(link.src(), 1, Integer::sum);
            ends.merge(link.dst(), 1, Integer::sum);
            dispatcher.post(new LinkEvent(LinkEvent.Type.LINK_ADDED, link));
        }
    }

    /** Removes links no probe has crossed for the maximum age; called periodically. */
    public void expire() {
        Instant oldest = clock.instant().minus(maxAge);
        removeIf(l -> lastSeen.getOrDefault(l, Instant.MAX).isBefore(oldest));
    }

    /** Removes the links a device or port change has broken, and remembers what is down. */
    public synchronized void onDeviceEvent(DeviceEvent event) {
        DeviceId id = event.device().id();
        switch (event.type()) {
            case DEVICE_CONNECTED -> {
                deadDevices.remove(id);
                deadPorts.removeIf(p -> p.device().equals(id));
                event.device().ports().stream().filter(p -> !p.up())
                        .forEach(p -> deadPorts.add(new ConnectPoint(id, p.number())));
            }
            case DEVICE_DISCONNECTED -> {
                deadDevices.add(id);
                removeIf(l -> l.touches(id));
            }
            case PORT_ADDED, PORT_UPDATED, PORT_REMOVED -> event.port().ifPresent(p -> {
                ConnectPoint point = new ConnectPoint(id, p.number());
                if (p.up() && event.type() != DeviceEvent.Type.PORT_REMOVED) {
                    deadPorts.remove(point);
                } else {
                    deadPorts.add(point);
                    removeIf(l -> l.touches(point));
                }
            });
        }
    }

    private boolean isDead(ConnectPoint point) {
        return deadPorts.contains(point) || deadDevices.contains(point.device());
    }

    private synchronized void removeIf(Predicate<Link> broken) {
        for (Link link : links()) {
            if (broken.test(link) && lastSeen.remove(link) != null) {
                changes.incrementAndGet();
                ends.computeIfPresent(link.src(), (k, n) -> n == 1 ? null : n - 1);
                ends.computeIfPresent(link.dst(), (k, n) -> n == 1 ? null : n - 1);
                dispatcher.post(new LinkEvent(LinkEvent.Type.LINK_REMOVED, link));
            }
        }
    }
}
