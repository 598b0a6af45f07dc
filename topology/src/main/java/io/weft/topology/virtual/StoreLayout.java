package io.weft.topology.virtual;

import java.util.Optional;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;

/** Where each thing lives in the store; the package documentation describes the layout. */
final class StoreLayout {
    static final String ROOT = "/weft/v1/";
    static final String TENANTS = ROOT + "tenants/";
    static final String TAGS = ROOT + "tags";
    static final String ATTACHMENT_IDS = ROOT + "attachment-ids";
    static final String POINTS = ROOT + "points/";

    private StoreLayout() {
    }

    /** Everything of one tenant is under this prefix, so one snapshot reads all of it at one revision. */
    static String tenantPrefix(TenantId tenant) {
        return TENANTS + tenant + "/";
    }

    /** The tenant's version key: every change to the tenant's keys rewrites it, and is conditioned on it. */
    static String tenant(TenantId tenant) {
        return tenantPrefix(tenant) + "tenant";
    }

    static String token(TenantId tenant, String hash) {
        return tenantPrefix(tenant) + "tokens/" + hash;
    }

    static String attachment(TenantId tenant, String id) {
        return tenantPrefix(tenant) + "attachments/" + id;
    }

    static String networkPrefix(NetworkId network) {
        return tenantPrefix(network.tenant()) + "networks/" + network.name() + "/";
    }

    static String network(NetworkId network) {
        return networkPrefix(network) + "network";
    }

    static String virtualSwitch(NetworkId network, String switchId) {
        return networkPrefix(network) + "switches/" + switchId;
    }

    static String portPrefix(NetworkId network, String switchId) {
        return networkPrefix(network) + "ports/" + switchId + "/";
    }

    static String port(NetworkId network, VirtualPortId port) {
        return portPrefix(network, port.virtualSwitch()) + port.port();
    }

    static String link(VirtualLink link) {
        return networkPrefix(link.network()) + "links/" + link.id();
    }

    static String host(NetworkId network, MacAddress mac) {
        return networkPrefix(network) + "hosts/" + mac;
    }

    static String point(DeviceId device) {
        return POINTS + device;
    }

    /** The tenant a key under {@link #TENANTS} belongs to; empty for any other key. */
    static Optional<TenantId> tenantOf(String key) {
        if (!key.startsWith(TENANTS)) {
            return Optional.empty();
        }
        int end = key.indexOf('/', TENANTS.length());
        try {
            return Optional.of(new TenantId(key.substring(TENANTS.length(), end < 0 ? key.length() : end)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
