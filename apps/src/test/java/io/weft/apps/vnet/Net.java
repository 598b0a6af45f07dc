package io.weft.apps.vnet;

import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualHost;
import io.weft.topology.virtual.VirtualLink;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;

/** A test network under construction: sites (attachment plus host), and virtual links for a custom one. */
final class Net {
    final VirtualNetwork network;
    final List<Site> sites = new ArrayList<>();
    final List<VirtualLink> links = new ArrayList<>();

    private Net(VirtualNetwork network) {
        this.network = network;
    }

    static Net bigSwitch(String tenant, String name, int tag) {
        return new Net(new VirtualNetwork(new NetworkId(new TenantId(tenant), name), VirtualNetwork.Kind.BIG_SWITCH,
                tag));
    }

    static Net custom(String tenant, String name, int tag) {
        return new Net(new VirtualNetwork(new NetworkId(new TenantId(tenant), name), VirtualNetwork.Kind.CUSTOM, tag));
    }

    /** A big-switch port at {@code point} ({@code vlan} 0: the whole port) with host {@code mac} (n) and IP 10.0.0.n. */
    Net site(ConnectPoint point, int vlan, int mac) {
        return site(VirtualPort.BIG_SWITCH, point, vlan, mac);
    }

    /** A port of virtual switch {@code vs}, numbered after the ones it has. */
    Net site(String vs, ConnectPoint point, int vlan, int mac) {
        return site(vs, point, vlan, mac, mac);
    }

    /** As {@link #site(String, ConnectPoint, int, int)}, with host IP 10.0.0.{@code ip}. */
    Net site(String vs, ConnectPoint point, int vlan, int mac, int ip) {
        int number = (int) sites.stream().filter(s -> s.port().virtualSwitch().equals(vs)).count() + 1;
        VirtualPortId port = new VirtualPortId(vs, number);
        Attachment attachment = new Attachment(attachmentId(), network.id().tenant(), point,
                vlan == 0 ? Optional.empty() : Optional.of(VlanId.vlanId((short) vlan)));
        VirtualHost host = new VirtualHost(network.id(), MacAddress.valueOf((long) mac),
                Set.of(IpAddress.valueOf("10.0.0." + ip)), port, true);
        sites.add(new Site(port, attachment, host));
        return this;
    }

    /** Unique across the networks of a test, as long as their tags differ. */
    private String attachmentId() {
        return "att-" + (network.tag() * 100 + sites.size() + 1);
    }

    /** A virtual link between two new internal ports of {@code a} and {@code b}. */
    Net link(String a, String b) {
        links.add(new VirtualLink(network.id(), new VirtualPortId(a, 1000 + links.size()),
                new VirtualPortId(b, 1000 + links.size())));
        return this;
    }

    Net unlink(String a, String b) {
        links.removeIf(l -> l.src().virtualSwitch().equals(a) && l.dst().virtualSwitch().equals(b)
                || l.src().virtualSwitch().equals(b) && l.dst().virtualSwitch().equals(a));
        return this;
    }

    Site site(int index) {
        return sites.get(index);
    }

    NetworkSpec spec() {
        Map<VirtualPortId, Attachment> edges = new LinkedHashMap<>();
        sites.forEach(s -> edges.put(s.port(), s.attachment()));
        return new NetworkSpec(network, edges, links, sites.stream().map(Site::host).toList());
    }
}
