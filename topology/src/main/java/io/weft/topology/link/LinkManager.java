package io.weft.topology.link;

import io.weft.topology.device.DeviceEvent;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keeps discovered links in memory (derived state, found again after a restart). A link goes
 * away at once when a port at either end goes down or disappears or its device disconnects,
 * and otherwise when no probe has crossed it for {@code maxAge} ({@link #expire()}).
 */
public final class LinkManager implements LinkService, LinkProviderService {
    /** Device ids are fixed-width text, so they sort as strings; port numbers must sort as numbers. */
    private static final Comparator<ConnectPoint> POINT_ORDER = Comparator
            .comparing((ConnectPoint p) -> p.device().toString()).thenComparingLong(p -> p.port().toLong());
    private static final Comparator<Link> ORDER = Comparator.comparing(Link::src, POINT_ORDER)
            .thenComparing(Link::dst, POINT_ORDER);

    private final Map<Link, Instant> lastSeen = new ConcurrentHashMap<>();
    /** How many links end at each connect point, so that packet-in paths ask in constant time. */
    private final Map<ConnectPoint, Integer> ends = new ConcurrentHashMap<>();
    private final EventDispatcher dispatcher;
    private final Clock clock;
    private final Duration maxAge;

    public LinkManager(EventDispatcher dispatcher, Clock clock, Duration maxAge) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public List<Link> links() {
        return lastSeen.keySet().stream().sorted(ORDER).toList();
    }

    @Override
    public boolean isInfrastructure(ConnectPoint point) {
        return ends.containsKey(point);
    }

    @Override
    public void addListener(EventListener<LinkEvent> listener) {
        dispatcher.addListener(LinkEvent.class, listener);
    }

    @Override
    public synchronized void linkSeen(Link link) {
        if (lastSeen.put(link, clock.instant()) == null) {
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

    /** Removes the links a device or port change has broken. */
    public void onDeviceEvent(DeviceEvent event) {
        switch (event.type()) {
            case DEVICE_DISCONNECTED -> removeIf(l -> l.touches(event.device().id()));
            case PORT_REMOVED -> event.port().ifPresent(p -> removeIf(
                    l -> l.touches(new ConnectPoint(event.device().id(), p.number()))));
            case PORT_UPDATED -> event.port().filter(p -> !p.up()).ifPresent(p -> removeIf(
                    l -> l.touches(new ConnectPoint(event.device().id(), p.number()))));
            default -> {
            }
        }
    }

    private synchronized void removeIf(Predicate<Link> broken) {
        for (Link link : links()) {
            if (broken.test(link) && lastSeen.remove(link) != null) {
                ends.computeIfPresent(link.src(), (k, n) -> n == 1 ? null : n - 1);
                ends.computeIfPresent(link.dst(), (k, n) -> n == 1 ? null : n - 1);
                dispatcher.post(new LinkEvent(LinkEvent.Type.LINK_REMOVED, link));
            }
        }
    }
}
