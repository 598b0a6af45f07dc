package io.weft.topology.host;

import io.weft.metrics.Counters;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import io.weft.topology.link.ConnectPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;

/**
 * Keeps learned hosts in memory and posts a {@link HostEvent} for every change. A host seen
 * at a new port moves there, unless it moved less than {@link HostConfig#moveHoldDown()}
 * ago; hosts not seen for {@link HostConfig#idleTimeout()} are forgotten ({@link #expire()}),
 * and so are the hosts of a port that goes down. A host's last sighting is kept to within
 * {@link #LAST_SEEN_RESOLUTION}.
 */
public final class HostManager implements HostService, HostProviderService {
    private static final Comparator<Host> ORDER = Comparator.comparing((Host h) -> h.key().mac().toLong())
            .thenComparing(h -> h.key().vlan().toShort());

    /**
     * How stale a known host's {@link Host#lastSeen()} may be (at most a tenth of the idle
     * timeout): seeing it again sooner changes nothing, so that a host's every packet costs a
     * lookup, not a new record.
     */
    static final Duration LAST_SEEN_RESOLUTION = Duration.ofSeconds(1);

    /** A host with what the public record leaves out: IP addresses by when last seen, oldest first; the last move. */
    private record Entry(Host host, LinkedHashSet<IpAddress> ipsByAge, Instant lastMove) {
    }

    /**
     * Changed under this manager's lock, but for a host's last sighting, which moves by a
     * conditional replace; read without the lock where a packet-in learns a known host, so that
     * the switches' threads do not queue for it at the packet-in rate.
     */
    private final Map<HostKey, Entry> hosts = new ConcurrentHashMap<>();
    private final Map<ConnectPoint, Set<HostKey>> byLocation = new HashMap<>();
    private final Map<IpAddress, Set<HostKey>> byIp = new HashMap<>();
    private final Map<MacAddress, Set<HostKey>> byMac = new HashMap<>();
    private final EventDispatcher dispatcher;
    private final Clock clock;
    private final HostConfig config;
    private final Counters counters;
    private final long lastSeenResolutionMillis;

    public HostManager(EventDispatcher dispatcher, Clock clock, HostConfig config, Counters counters) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.config = config;
        this.counters = counters;
        this.lastSeenResolutionMillis = Math.min(LAST_SEEN_RESOLUTION.toMillis(), config.idleTimeout().toMillis() / 10);
    }

    @Override
    public synchronized List<Host> hosts() {
        return hosts.values().stream().map(Entry::host).sorted(ORDER).toList();
    }

    @Override
    public synchronized Optional<Host> host(HostKey key) {
        return Optional.ofNullable(hosts.get(key)).map(Entry::host);
    }

    @Override
    public synchronized List<Host> hostsByMac(MacAddress mac) {
        return lookup(byMac, mac);
    }

    @Override
    public synchronized List<Host> hostsByIp(IpAddress ip) {
        return lookup(byIp, ip);
    }

    @Override
    public synchronized List<Host> hostsAt(ConnectPoint point) {
        return lookup(byLocation, point);
    }

    @Override
    public void addListener(EventListener<HostEvent> listener) {
        dispatcher.addListener(HostEvent.class, listener);
    }

    @Override
    public void hostSeen(HostKey key, ConnectPoint location, Optional<IpAddress> ip) {
        Entry known = hosts.get(key);
        if (known != null && isWhereItWas(known, location, ip)) {
            // Seen where it is, from the address it used last: the common case by far (every packet of
            // a known host), so only the time moves, and that only once per resolution; without the lock.
            refresh(known);
            return;
        }
        if (known == null && hosts.size() >= config.maxHosts()) {
            counters.increment("hosts.dropped.table_full");
            return;
        }
        learn(key, location, ip);
    }

    private static boolean isWhereItWas(Entry entry, ConnectPoint location, Optional<IpAddress> ip) {
        return entry.host().location().equals(location)
                && (ip.isEmpty() || !entry.ipsByAge().isEmpty() && ip.get().equals(entry.ipsByAge().getLast()));
    }

    private synchronized void learn(HostKey key, ConnectPoint location, Optional<IpAddress> ip) {
        Entry old = hosts.get(key);
        Instant now = clock.instant();
        if (old == null) {
            if (hosts.size() >= config.maxHosts()) {
                counters.increment("hosts.dropped.table_full");
                return;
            }
            LinkedHashSet<IpAddress> ips = new LinkedHashSet<>();
            ip.ifPresent(ips::add);
            Entry added = new Entry(new Host(key, ips, location, now), ips, Instant.MIN);
            put(added);
            dispatcher.post(new HostEvent(HostEvent.Type.HOST_ADDED, added.host(), Optional.empty()));
            return;
        }
        LinkedHashSet<IpAddress> ips = new LinkedHashSet<>(old.ipsByAge());
        // An address seen again moves to the back, so the one forgotten is the one unused longest.
        boolean newIp = ip.isPresent() && !ips.remove(ip.get());
        ip.ifPresent(ips::add);
        if (ips.size() > config.maxIpsPerHost()) {
            Iterator<IpAddress> oldest = ips.iterator();
            oldest.next();
            oldest.remove();
        }
        boolean moving = !old.host().location().equals(location);
        if (moving && now.isBefore(old.lastMove().plus(config.moveHoldDown()))) {
            counters.increment("hosts.move_suppressed");
            return;
        }
        Entry updated = new Entry(new Host(key, ips, location, now), ips, moving ? now : old.lastMove());
        remove(old);
        put(updated);
        if (moving) {
            dispatcher.post(new HostEvent(HostEvent.Type.HOST_MOVED, updated.host(), Optional.of(old.host())));
        } else if (newIp) {
            dispatcher.post(new HostEvent(HostEvent.Type.HOST_UPDATED, updated.host(), Optional.of(old.host())));
        }
    }

    /**
     * Moves a host's last sighting to now, if it is older than the resolution; no event, indexes
     * untouched. Lost, harmlessly, if the host changes meanwhile: whatever changed it saw it too.
     */
    private void refresh(Entry entry) {
        long now = clock.millis();
        Host host = entry.host();
        if (now - host.lastSeen().toEpochMilli() < lastSeenResolutionMillis) {
            return;
        }
        hosts.replace(host.key(), entry, new Entry(new Host(host.key(), host.ips(), host.location(), clock.instant()),
                entry.ipsByAge(), entry.lastMove()));
    }

    /**
     * Forgets hosts not seen for the idle timeout; called periodically. Looks for them without
     * the lock, so that packet-ins never wait for the look; a host seen again meanwhile stays.
     */
    public void expire() {
        Instant oldest = clock.instant().minus(config.idleTimeout());
        List<Entry> idle = hosts.values().stream().filter(e -> e.host().lastSeen().isBefore(oldest)).toList();
        if (idle.isEmpty()) {
            return;
        }
        synchronized (this) {
            for (Entry entry : idle) {
                if (hosts.remove(entry.host().key(), entry)) {
                    unindex(entry);
                    dispatcher.post(new HostEvent(HostEvent.Type.HOST_REMOVED, entry.host(), Optional.empty()));
                }
            }
        }
    }

    /** Forgets the hosts of a port that went down or away: wherever they went, it was not there. */
    public void onDeviceEvent(DeviceEvent event) {
        event.port().filter(p -> event.type() == DeviceEvent.Type.PORT_REMOVED || !p.up())
                .ifPresent(p -> {
                    ConnectPoint point = new ConnectPoint(event.device().id(), p.number());
                    removeIf(h -> h.location().equals(point));
                });
    }

    private synchronized void removeIf(Predicate<Host> gone) {
        for (Entry entry : new ArrayList<>(hosts.values())) {
            if (gone.test(entry.host())) {
                remove(entry);
                dispatcher.post(new HostEvent(HostEvent.Type.HOST_REMOVED, entry.host(), Optional.empty()));
            }
        }
    }

    private void put(Entry entry) {
        Host host = entry.host();
        hosts.put(host.key(), entry);
        index(byLocation, host.location(), host.key(), true);
        index(byMac, host.key().mac(), host.key(), true);
        host.ips().forEach(ip -> index(byIp, ip, host.key(), true));
    }

    /** Removes the host of {@code entry}, whichever entry it has now: a refresh changes neither place nor addresses. */
    private void remove(Entry entry) {
        hosts.remove(entry.host().key());
        unindex(entry);
    }

    private void unindex(Entry entry) {
        Host host = entry.host();
        index(byLocation, host.location(), host.key(), false);
        index(byMac, host.key().mac(), host.key(), false);
        host.ips().forEach(ip -> index(byIp, ip, host.key(), false));
    }

    private static <K> void index(Map<K, Set<HostKey>> index, K key, HostKey host, boolean add) {
        if (add) {
            index.computeIfAbsent(key, k -> new HashSet<>()).add(host);
        } else {
            index.computeIfPresent(key, (k, set) -> {
                set.remove(host);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private <K> List<Host> lookup(Map<K, Set<HostKey>> index, K key) {
        return index.getOrDefault(key, Set.of()).stream().map(hosts::get).map(Entry::host).sorted(ORDER).toList();
    }
}
