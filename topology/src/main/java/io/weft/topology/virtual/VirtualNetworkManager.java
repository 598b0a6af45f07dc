package io.weft.topology.virtual;

import io.weft.metrics.Counters;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.event.EventListener;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.path.ReservedPorts;
import io.weft.topology.store.Entry;
import io.weft.topology.store.Snapshot;
import io.weft.topology.store.Store;
import io.weft.topology.store.Watch;
import io.weft.topology.store.WatchEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.onlab.packet.MacAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every tenant in memory as the store has it, and posts a {@link VirtualNetworkEvent} for
 * each change. The store is the only source: {@link #start} reads all tenants, then a watch
 * re-reads a tenant whenever one of its keys changes, whoever changed it (this controller's
 * {@link VirtualNetworkAdmin}, or another controller sharing the store). Each re-read is one
 * snapshot of the tenant's prefix, so a tenant is always seen whole at one revision, never
 * half-way through a transaction; a re-read older than what is held is ignored.
 *
 * <p>Reads are lock-free over an immutable view replaced on each change. Learned hosts are
 * kept here too, in memory only (see {@link VirtualHostProviderService}).
 */
public final class VirtualNetworkManager
        implements VirtualNetworkService, VirtualHostProviderService, ReservedPorts, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VirtualNetworkManager.class);

    /** Every tenant, and its tokens' hashes for authentication; replaced whole, never changed. */
    private record View(SortedMap<TenantId, TenantState> tenants, Map<String, TenantId> tokens,
                        Set<ConnectPoint> attached) {
        static final View EMPTY = new View(Collections.emptySortedMap(), Map.of(), Set.of());
    }

    private final Store store;
    private final EventDispatcher dispatcher;
    private final VirtualNetworkConfig config;
    private final Counters counters;
    private final StoreCodec codec;
    private volatile View view = View.EMPTY;
    /** The store revision each tenant was last read at, deleted tenants included; guarded by this. */
    private final Map<TenantId, Long> readAt = new HashMap<>();
    /** Learned hosts by network and MAC; guarded by this. */
    private final Map<NetworkId, SortedMap<Long, VirtualHost>> learned = new HashMap<>();
    private int learnedCount;
    private Watch watch;
    private boolean closed;

    public VirtualNetworkManager(Store store, EventDispatcher dispatcher, VirtualNetworkConfig config,
                                 Counters counters) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.config = config;
        this.counters = counters;
        this.codec = new StoreCodec(counters);
    }

    /** Reads every tenant from the store (posting an ADDED event for each element) and follows its changes. */
    public void start() {
        reload();
        log.info("virtual networks: {} tenants, {} networks loaded from the store", view.tenants().size(),
                networks().size());
    }

    /** Reads everything again and watches from there: at start, and when the watch fell behind history. */
    private void reload() {
        Snapshot all = store.snapshot(StoreLayout.TENANTS);
        Map<TenantId, List<Entry>> byTenant = new HashMap<>();
        for (Entry entry : all.entries()) {
            StoreLayout.tenantOf(entry.key()).ifPresentOrElse(
                    t -> byTenant.computeIfAbsent(t, k -> new ArrayList<>()).add(entry), () -> {
                        counters.increment("virtual.store.bad_entries");
                        log.warn("store entry {} names no tenant and is ignored", entry.key());
                    });
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            Set<TenantId> tenants = new HashSet<>(view.tenants().keySet());
            tenants.addAll(byTenant.keySet());
            for (TenantId tenant : tenants) {
                apply(tenant, all.revision(), codec.tenant(tenant, byTenant.getOrDefault(tenant, List.of())));
            }
            if (watch != null) {
                watch.close();
            }
            watch = store.watch(StoreLayout.TENANTS, all.revision(), this::onStoreEvent);
        }
    }

    private void onStoreEvent(WatchEvent event) {
        switch (event) {
            case WatchEvent.Put put -> changed(put.key(), put.revision());
            case WatchEvent.Delete delete -> changed(delete.key(), delete.revision());
            case WatchEvent.Compacted compacted -> {
                counters.increment("virtual.store.watch_compacted");
                log.warn("the store no longer holds the changes after revision {}; reading every tenant again",
                        compacted.compactRevision());
                reload();
            }
        }
    }

    private void changed(String key, long revision) {
        StoreLayout.tenantOf(key).ifPresent(tenant -> {
            synchronized (this) {
                if (readAt.getOrDefault(tenant, -1L) >= revision) {
                    return;
                }
            }
            refresh(tenant);
        });
    }

    /** Reads the tenant again; the admin calls it after each commit, so its caller reads its own write. */
    void refresh(TenantId tenant) {
        Snapshot snapshot = store.snapshot(StoreLayout.tenantPrefix(tenant));
        Optional<TenantState> state = codec.tenant(tenant, snapshot.entries());
        synchronized (this) {
            if (!closed) {
                apply(tenant, snapshot.revision(), state);
            }
        }
    }

    /** Replaces the tenant if {@code revision} is newer than what is held, and posts what changed. */
    private void apply(TenantId id, long revision, Optional<TenantState> state) {
        if (readAt.getOrDefault(id, -1L) >= revision) {
            return;
        }
        readAt.put(id, revision);
        View old = view;
        Optional<TenantState> before = Optional.ofNullable(old.tenants().get(id));
        if (before.isEmpty() && state.isEmpty()) {
            return;
        }
        SortedMap<TenantId, TenantState> tenants = new TreeMap<>();
        tenants.putAll(old.tenants());
        Map<String, TenantId> tokens = new HashMap<>(old.tokens());
        before.ifPresent(t -> t.tokenHashes().forEach(tokens::remove));
        state.ifPresentOrElse(t -> {
            tenants.put(id, t);
            t.tokenHashes().forEach(hash -> tokens.put(hash, id));
        }, () -> tenants.remove(id));
        Set<ConnectPoint> attached = new HashSet<>();
        tenants.values().forEach(t -> t.attachments().values().forEach(a -> attached.add(a.point())));
        view = new View(Collections.unmodifiableSortedMap(tenants), Map.copyOf(tokens), Set.copyOf(attached));
        pruneLearned(id).forEach(dispatcher::post);
        TenantDiff.between(before, state).forEach(dispatcher::post);
    }

    /** Forgets learned hosts whose network or edge port is gone, or whose MAC is now declared. */
    private List<VirtualNetworkEvent> pruneLearned(TenantId tenant) {
        List<VirtualNetworkEvent> removed = new ArrayList<>();
        for (Iterator<Map.Entry<NetworkId, SortedMap<Long, VirtualHost>>> networks = learned.entrySet().iterator();
             networks.hasNext(); ) {
            Map.Entry<NetworkId, SortedMap<Long, VirtualHost>> network = networks.next();
            if (!network.getKey().tenant().equals(tenant)) {
                continue;
            }
            Optional<NetworkState> state = networkState(network.getKey());
            for (Iterator<VirtualHost> hosts = network.getValue().values().iterator(); hosts.hasNext(); ) {
                VirtualHost host = hosts.next();
                if (state.isEmpty() || !isEdge(state.get(), host.port()) || state.get().host(host.mac()).isPresent()) {
                    hosts.remove();
                    learnedCount--;
                    removed.add(VirtualNetworkEvent.removed(host));
                }
            }
            if (network.getValue().isEmpty()) {
                networks.remove();
            }
        }
        return removed;
    }

    private static boolean isEdge(NetworkState network, VirtualPortId port) {
        VirtualPort found = network.ports().get(port);
        return found != null && found.isEdge();
    }

    /** Stops following the store; reads keep answering from what was last read. */
    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
    }

    /**
     * True for a port any tenant has an attachment on, whole or on a VLAN: tenants' traffic is the
     * virtual networks' alone, and default forwarding must not learn hosts there or flood to them.
     */
    @Override
    public boolean isReserved(ConnectPoint point) {
        return view.attached().contains(point);
    }

    @Override
    public List<Tenant> tenants() {
        return view.tenants().values().stream().map(TenantState::tenant).toList();
    }

    @Override
    public Optional<Tenant> tenant(TenantId id) {
        return state(id).map(TenantState::tenant);
    }

    @Override
    public Optional<TenantId> tenantOfToken(String token) {
        return Optional.ofNullable(view.tokens().get(Tokens.hash(token)));
    }

    @Override
    public List<Attachment> attachments(TenantId tenant) {
        return state(tenant).map(t -> List.copyOf(t.attachments().values())).orElse(List.of());
    }

    @Override
    public Optional<Attachment> attachment(TenantId tenant, String id) {
        return state(tenant).map(t -> t.attachments().get(id));
    }

    @Override
    public List<VirtualNetwork> networks() {
        return view.tenants().values().stream().flatMap(t -> t.virtualNetworks().stream()).toList();
    }

    @Override
    public List<VirtualNetwork> networks(TenantId tenant) {
        return state(tenant).map(TenantState::virtualNetworks).orElse(List.of());
    }

    @Override
    public Optional<VirtualNetwork> network(NetworkId id) {
        return networkState(id).map(NetworkState::network);
    }

    @Override
    public List<VirtualSwitch> switches(NetworkId network) {
        return networkState(network).map(NetworkState::switches).orElse(List.of());
    }

    @Override
    public List<VirtualPort> ports(NetworkId network) {
        return networkState(network).map(n -> List.copyOf(n.ports().values())).orElse(List.of());
    }

    @Override
    public Optional<VirtualPort> port(NetworkId network, VirtualPortId id) {
        return networkState(network).map(n -> n.ports().get(id));
    }

    @Override
    public List<VirtualLink> links(NetworkId network) {
        return networkState(network).map(n -> List.copyOf(n.links().values())).orElse(List.of());
    }

    @Override
    public List<VirtualHost> hosts(NetworkId network) {
        Optional<NetworkState> state = networkState(network);
        if (state.isEmpty()) {
            return List.of();
        }
        SortedMap<Long, VirtualHost> all = new TreeMap<>();
        synchronized (this) {
            all.putAll(learned.getOrDefault(network, Collections.emptySortedMap()));
        }
        all.putAll(state.get().hosts());
        return List.copyOf(all.values());
    }

    @Override
    public Optional<VirtualHost> host(NetworkId network, MacAddress mac) {
        Optional<VirtualHost> declared = networkState(network).flatMap(n -> n.host(mac));
        if (declared.isPresent()) {
            return declared;
        }
        synchronized (this) {
            return Optional.ofNullable(learned.getOrDefault(network, Collections.emptySortedMap()).get(mac.toLong()));
        }
    }

    @Override
    public void addListener(EventListener<VirtualNetworkEvent> listener) {
        dispatcher.addListener(VirtualNetworkEvent.class, listener);
    }

    @Override
    public synchronized void hostLearned(VirtualHost host) {
        if (host.declared()) {
            throw new IllegalArgumentException("a learned host is not declared: " + host);
        }
        Optional<NetworkState> network = networkState(host.network());
        if (network.isEmpty() || !isEdge(network.get(), host.port())) {
            counters.increment("virtual.hosts.learned.unknown_port");
            return;
        }
        if (network.get().host(host.mac()).isPresent()) {
            counters.increment("virtual.hosts.learned.declared");
            return;
        }
        SortedMap<Long, VirtualHost> hosts = learned.computeIfAbsent(host.network(), n -> new TreeMap<>());
        VirtualHost old = hosts.get(host.mac().toLong());
        if (host.equals(old)) {
            return;
        }
        if (old == null && learnedCount >= config.maxLearnedHosts()) {
            counters.increment("virtual.hosts.learned.table_full");
            if (hosts.isEmpty()) {
                learned.remove(host.network());
            }
            return;
        }
        hosts.put(host.mac().toLong(), host);
        if (old == null) {
            learnedCount++;
            dispatcher.post(VirtualNetworkEvent.added(host));
        } else {
            dispatcher.post(VirtualNetworkEvent.updated(old, host));
        }
    }

    @Override
    public synchronized void hostVanished(NetworkId network, MacAddress mac) {
        SortedMap<Long, VirtualHost> hosts = learned.get(network);
        VirtualHost gone = hosts == null ? null : hosts.remove(mac.toLong());
        if (gone != null) {
            learnedCount--;
            if (hosts.isEmpty()) {
                learned.remove(network);
            }
            dispatcher.post(VirtualNetworkEvent.removed(gone));
        }
    }

    private Optional<TenantState> state(TenantId tenant) {
        return Optional.ofNullable(view.tenants().get(tenant));
    }

    private Optional<NetworkState> networkState(NetworkId network) {
        return state(network.tenant()).flatMap(t -> t.network(network));
    }
}
