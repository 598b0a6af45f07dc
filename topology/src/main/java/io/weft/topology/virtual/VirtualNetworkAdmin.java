package io.weft.topology.virtual;

import io.weft.metrics.Counters;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.store.Store;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;

/**
 * The admin service over the store. Each change runs as a {@link TenantTxn}: read the tenant
 * (and the shared indexes the change needs), check the whole change, then commit one
 * transaction conditioned on everything read. A refused change writes nothing; a change that
 * lost a race with another writer is checked again against the new state, up to
 * {@link VirtualNetworkConfig#maxAttempts()} times. Changes made here are serialised, so only
 * another controller sharing the store can make an attempt lose.
 *
 * <p>Counters: {@code virtual.changes} for each committed change;
 * {@code virtual.refused.invalid|not_found|conflict} for each refusal;
 * {@code virtual.txn.conflicts} for each attempt lost to another writer, and
 * {@code virtual.txn.gave_up} when a change gives up.
 */
public final class VirtualNetworkAdmin implements VirtualNetworkAdminService {
    /** Port numbers a switch can really have (OpenFlow's reserved ports lie above). */
    private static final long MAX_PHYSICAL_PORT = 0xffffff00L;

    private final Store store;
    private final VirtualNetworkManager manager;
    private final VirtualNetworkConfig config;
    private final Counters counters;
    private final StoreCodec codec;
    private final SecureRandom random = new SecureRandom();
    private final Object changing = new Object();

    public VirtualNetworkAdmin(Store store, VirtualNetworkManager manager, VirtualNetworkConfig config,
                               Counters counters) {
        this.store = store;
        this.manager = manager;
        this.config = config;
        this.counters = counters;
        this.codec = new StoreCodec(counters);
    }

    private <T> T change(TenantId tenant, Function<TenantTxn, T> change) {
        synchronized (changing) {
            try {
                for (int attempt = 1; ; attempt++) {
                    TenantTxn txn = TenantTxn.begin(store, codec, tenant);
                    T result;
                    try {
                        result = change.apply(txn);
                    } catch (IllegalArgumentException e) {
                        // The model's constructors check every value; what they refuse, the caller sent.
                        throw new VirtualNetworkException.Invalid(e.getMessage());
                    }
                    if (txn.commit()) {
                        counters.increment("virtual.changes");
                        manager.refresh(tenant);
                        return result;
                    }
                    counters.increment("virtual.txn.conflicts");
                    if (attempt >= config.maxAttempts()) {
                        counters.increment("virtual.txn.gave_up");
                        throw new VirtualNetworkException.Conflict("tenant " + tenant + " was changed by another"
                                + " writer during each of " + attempt + " attempts; try again");
                    }
                }
            } catch (VirtualNetworkException e) {
                counters.increment("virtual.refused." + switch (e) {
                    case VirtualNetworkException.Invalid invalid -> "invalid";
                    case VirtualNetworkException.NotFound notFound -> "not_found";
                    case VirtualNetworkException.Conflict conflict -> "conflict";
                });
                throw e;
            }
        }
    }

    @Override
    public IssuedToken createTenant(TenantId id) {
        return change(id, txn -> {
            if (txn.state().isPresent()) {
                throw new VirtualNetworkException.AlreadyExists("tenant " + id + " exists");
            }
            return newToken(txn);
        });
    }

    @Override
    public void deleteTenant(TenantId id) {
        change(id, txn -> {
            TenantState tenant = txn.existing();
            if (!tenant.networks().isEmpty()) {
                SortedMap<Integer, NetworkId> tags = txn.tags();
                tags.values().removeIf(network -> network.tenant().equals(id));
                writeTags(txn, tags);
            }
            Set<DeviceId> devices = new HashSet<>();
            tenant.attachments().values().forEach(a -> devices.add(a.point().device()));
            for (DeviceId device : devices) {
                List<Attachment> onDevice = txn.point(device);
                onDevice.removeIf(a -> a.tenant().equals(id));
                writePoint(txn, device, onDevice);
            }
            txn.deleteTenant();
            return null;
        });
    }

    @Override
    public IssuedToken issueToken(TenantId tenant, boolean revokeOthers) {
        return change(tenant, txn -> {
            TenantState state = txn.existing();
            if (revokeOthers) {
                state.tokenHashes().forEach(hash -> txn.delete(StoreLayout.token(tenant, hash)));
            } else if (state.tokenHashes().size() >= config.maxTokensPerTenant()) {
                throw new VirtualNetworkException.Exhausted("tenant " + tenant + " holds " + state.tokenHashes().size()
                        + " tokens, the most it may; revoke them first, or issue one that revokes the others");
            }
            return newToken(txn);
        });
    }

    private IssuedToken newToken(TenantTxn txn) {
        String token = Tokens.generate(random);
        txn.put(StoreLayout.token(txn.tenantId(), Tokens.hash(token)), codec.token());
        return new IssuedToken(txn.tenantId(), token);
    }

    @Override
    public int revokeTokens(TenantId tenant) {
        return change(tenant, txn -> {
            Set<String> hashes = txn.existing().tokenHashes();
            hashes.forEach(hash -> txn.delete(StoreLayout.token(tenant, hash)));
            return hashes.size();
        });
    }

    @Override
    public Attachment createAttachment(TenantId tenant, ConnectPoint point, Optional<VlanId> vlan) {
        return change(tenant, txn -> {
            txn.existing();
            long port = point.port().toLong();
            if (port < 1 || port > MAX_PHYSICAL_PORT) {
                throw new VirtualNetworkException.Invalid("an attachment is on a physical port, numbered 1.."
                        + MAX_PHYSICAL_PORT + "; got " + port);
            }
            List<Attachment> onDevice = txn.point(point.device());
            Attachment granted = new Attachment("att-" + txn.takeAttachmentNumber(), tenant, point, vlan);
            for (Attachment other : onDevice) {
                if (other.overlaps(granted)) {
                    throw new VirtualNetworkException.Conflict(where(granted) + " overlaps " + other.id()
                            + ", granted to tenant " + other.tenant() + " on " + where(other)
                            + "; tenants share a port only on distinct VLANs");
                }
            }
            onDevice.add(granted);
            writePoint(txn, point.device(), onDevice);
            txn.put(StoreLayout.attachment(tenant, granted.id()), codec.attachment(granted));
            return granted;
        });
    }

    private static String where(Attachment attachment) {
        return attachment.point() + attachment.vlan().map(v -> " VLAN " + v).orElse(" (the whole port)");
    }

    @Override
    public void deleteAttachment(TenantId tenant, String attachmentId) {
        change(tenant, txn -> {
            TenantState state = txn.existing();
            Attachment attachment = state.attachments().get(attachmentId);
            if (attachment == null) {
                throw new VirtualNetworkException.NotFound("no attachment " + attachmentId);
            }
            state.portBoundTo(attachmentId).ifPresent(port -> {
                throw new VirtualNetworkException.Conflict("attachment " + attachmentId + " is port " + port.id()
                        + " of network " + port.network().name() + "; remove that port first");
            });
            DeviceId device = attachment.point().device();
            List<Attachment> onDevice = txn.point(device);
            onDevice.removeIf(a -> a.id().equals(attachmentId));
            writePoint(txn, device, onDevice);
            txn.delete(StoreLayout.attachment(tenant, attachmentId));
            return null;
        });
    }

    private void writePoint(TenantTxn txn, DeviceId device, List<Attachment> onDevice) {
        if (onDevice.isEmpty()) {
            txn.delete(StoreLayout.point(device));
        } else {
            txn.put(StoreLayout.point(device), codec.point(onDevice));
        }
    }

    @Override
    public VirtualNetwork createNetwork(NetworkId id, VirtualNetwork.Kind kind) {
        return change(id.tenant(), txn -> {
            if (txn.existing().networks().containsKey(id.name())) {
                throw new VirtualNetworkException.AlreadyExists("network " + id.name() + " exists");
            }
            SortedMap<Integer, NetworkId> tags = txn.tags();
            int tag = config.firstTag();
            while (tag <= config.lastTag() && tags.containsKey(tag)) {
                tag++;
            }
            if (tag > config.lastTag()) {
                throw new VirtualNetworkException.Exhausted("no fabric tag is free: every one of "
                        + config.firstTag() + ".." + config.lastTag() + " is some network's");
            }
            VirtualNetwork network = new VirtualNetwork(id, kind, tag);
            tags.put(tag, id);
            writeTags(txn, tags);
            txn.put(StoreLayout.network(id), codec.network(network));
            return network;
        });
    }

    @Override
    public void deleteNetwork(NetworkId id) {
        change(id.tenant(), txn -> {
            NetworkState network = txn.network(id);
            SortedMap<Integer, NetworkId> tags = txn.tags();
            tags.remove(network.network().tag(), id);
            writeTags(txn, tags);
            txn.deletePrefix(StoreLayout.networkPrefix(id));
            return null;
        });
    }

    private void writeTags(TenantTxn txn, SortedMap<Integer, NetworkId> tags) {
        if (tags.isEmpty()) {
            txn.delete(StoreLayout.TAGS);
        } else {
            txn.put(StoreLayout.TAGS, codec.tags(new TreeMap<>(tags)));
        }
    }

    @Override
    public VirtualSwitch addSwitch(NetworkId network, String switchId) {
        return change(network.tenant(), txn -> {
            NetworkState state = txn.network(network);
            if (state.isBigSwitch()) {
                throw new VirtualNetworkException.Conflict("network " + network.name() + " is a big switch, whose one"
                        + " switch is " + VirtualPort.BIG_SWITCH + "; only a custom network has switches of its own");
            }
            VirtualSwitch added = new VirtualSwitch(network, switchId);
            if (switchId.equals(VirtualPort.BIG_SWITCH)) {
                throw new VirtualNetworkException.Invalid("'" + VirtualPort.BIG_SWITCH + "' names a big switch's only"
                        + " switch; choose another name");
            }
            if (state.hasSwitch(switchId)) {
                throw new VirtualNetworkException.AlreadyExists("switch " + switchId + " exists in network "
                        + network.name());
            }
            txn.put(StoreLayout.virtualSwitch(network, switchId), codec.virtualSwitch(added));
            return added;
        });
    }

    @Override
    public void removeSwitch(NetworkId network, String switchId) {
        change(network.tenant(), txn -> {
            NetworkState state = txn.network(network);
            if (!state.hasSwitch(switchId)) {
                throw new VirtualNetworkException.NotFound("no switch " + switchId + " in network " + network.name());
            }
            if (state.isBigSwitch()) {
                throw new VirtualNetworkException.Conflict("a big switch's one switch goes only with its network");
            }
            for (VirtualPort port : state.portsOf(switchId)) {
                removeAt(txn, state, port.id());
            }
            txn.deletePrefix(StoreLayout.portPrefix(network, switchId));
            txn.delete(StoreLayout.virtualSwitch(network, switchId));
            return null;
        });
    }

    @Override
    public VirtualPort addPort(NetworkId network, String switchId, Optional<String> attachmentId) {
        return change(network.tenant(), txn -> {
            TenantState tenant = txn.existing();
            NetworkState state = txn.network(network);
            if (!state.hasSwitch(switchId)) {
                throw new VirtualNetworkException.NotFound("no switch " + switchId + " in network " + network.name());
            }
            if (state.isBigSwitch() && attachmentId.isEmpty()) {
                throw new VirtualNetworkException.Invalid("every port of a big switch is bound to an attachment;"
                        + " name one of the tenant's");
            }
            if (attachmentId.isPresent()) {
                String id = attachmentId.get();
                if (!Attachment.isId(id)) {
                    throw new VirtualNetworkException.Invalid("an attachment id is att- and a number, got '" + id
                            + "'");
                }
                if (!tenant.attachments().containsKey(id)) {
                    throw new VirtualNetworkException.NotFound("no attachment " + id);
                }
                tenant.portBoundTo(id).ifPresent(port -> {
                    throw new VirtualNetworkException.Conflict("attachment " + id + " is already port " + port.id()
                            + " of network " + port.network().name());
                });
            }
            int number = state.freePortNumber(switchId).orElseThrow(() -> new VirtualNetworkException.Exhausted(
                    "switch " + switchId + " has no free port number left"));
            VirtualPort port = new VirtualPort(network, new VirtualPortId(switchId, number), attachmentId);
            txn.put(StoreLayout.port(network, port.id()), codec.port(port));
            return port;
        });
    }

    @Override
    public void removePort(NetworkId network, VirtualPortId port) {
        change(network.tenant(), txn -> {
            NetworkState state = txn.network(network);
            requirePort(state, port);
            removeAt(txn, state, port);
            txn.delete(StoreLayout.port(network, port));
            return null;
        });
    }

    /** Deletes what depends on a port that goes: its link and the hosts declared at it. */
    private static void removeAt(TenantTxn txn, NetworkState state, VirtualPortId port) {
        state.linkAt(port).ifPresent(link -> txn.delete(StoreLayout.link(link)));
        state.hostsAt(port).forEach(host -> txn.delete(StoreLayout.host(state.id(), host.mac())));
    }

    private static VirtualPort requirePort(NetworkState state, VirtualPortId port) {
        VirtualPort found = state.ports().get(port);
        if (found == null) {
            throw new VirtualNetworkException.NotFound("no port " + port + " in network " + state.id().name());
        }
        return found;
    }

    @Override
    public VirtualLink addLink(NetworkId network, VirtualPortId src, VirtualPortId dst) {
        return change(network.tenant(), txn -> {
            NetworkState state = txn.network(network);
            if (state.isBigSwitch()) {
                throw new VirtualNetworkException.Conflict("network " + network.name() + " is a big switch, which has"
                        + " no links; only a custom network has");
            }
            VirtualLink link = new VirtualLink(network, src, dst);
            for (VirtualPortId end : List.of(src, dst)) {
                VirtualPort port = requirePort(state, end);
                port.attachment().ifPresent(a -> {
                    throw new VirtualNetworkException.Conflict("port " + end + " is bound to attachment " + a
                            + "; a link joins internal ports");
                });
                state.linkAt(end).ifPresent(other -> {
                    throw new VirtualNetworkException.Conflict("port " + end + " is already an end of link "
                            + other.id());
                });
            }
            txn.put(StoreLayout.link(link), codec.link(link));
            return link;
        });
    }

    @Override
    public void removeLink(NetworkId network, VirtualPortId a, VirtualPortId b) {
        change(network.tenant(), txn -> {
            NetworkState state = txn.network(network);
            VirtualLink link = state.links().values().stream().filter(l -> l.joins(a, b)).findFirst()
                    .orElseThrow(() -> new VirtualNetworkException.NotFound("no link " + a + "-" + b
                            + " in network " + network.name()));
            txn.delete(StoreLayout.link(link));
            return null;
        });
    }

    @Override
    public VirtualHost declareHost(NetworkId network, MacAddress mac, Set<IpAddress> ips, VirtualPortId port) {
        return change(network.tenant(), txn -> {
            NetworkState state = txn.network(network);
            if (ips.size() > config.maxIpsPerHost()) {
                throw new VirtualNetworkException.Invalid("a host has at most " + config.maxIpsPerHost()
                        + " addresses, this one " + ips.size());
            }
            VirtualHost host = new VirtualHost(network, mac, ips, port, true);
            if (!requirePort(state, port).isEdge()) {
                throw new VirtualNetworkException.Conflict("port " + port + " is internal; hosts attach at ports"
                        + " bound to an attachment");
            }
            if (state.host(mac).isPresent()) {
                throw new VirtualNetworkException.AlreadyExists("host " + mac + " is already declared in network "
                        + network.name());
            }
            for (VirtualHost other : state.hosts().values()) {
                for (IpAddress ip : host.ips()) {
                    if (other.ips().contains(ip)) {
                        throw new VirtualNetworkException.Conflict("address " + ip + " is already host "
                                + other.mac() + "'s in network " + network.name());
                    }
                }
            }
            txn.put(StoreLayout.host(network, mac), codec.host(host));
            return host;
        });
    }

    @Override
    public void removeHost(NetworkId network, MacAddress mac) {
        change(network.tenant(), txn -> {
            if (txn.network(network).host(mac).isEmpty()) {
                throw new VirtualNetworkException.NotFound("no declared host " + mac + " in network "
                        + network.name());
            }
            txn.delete(StoreLayout.host(network, mac));
            return null;
        });
    }
}
