package io.weft.northbound.grpc;

import io.weft.northbound.grpc.v1.NetworkKind;
import io.weft.northbound.service.Fields;
import io.weft.northbound.service.Ids;
import io.weft.northbound.service.ServiceException;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualPortId;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;

/**
 * Reads a request message's fields through the service layer's parsers ({@link Ids},
 * {@link Fields}), so that gRPC refuses what REST refuses with the same words, the field named.
 * A protobuf string or number has no presence: empty and zero are missing.
 */
final class Requests {
    private Requests() {
    }

    static TenantId tenant(String text) {
        return Fields.required("tenant", text, Ids::tenant);
    }

    static NetworkId network(String tenant, String network) {
        TenantId id = tenant(tenant);
        return Fields.required("network", network, text -> Ids.network(id, text));
    }

    static DeviceId device(String text) {
        return Fields.required("device", text, Ids::device);
    }

    static MacAddress mac(String text) {
        return Fields.required("mac", text, Ids::mac);
    }

    static String virtualSwitch(String field, String text) {
        return Fields.required(field, text, Ids::virtualSwitch);
    }

    static String attachment(String text) {
        return Fields.required("attachment", text, Ids::attachment);
    }

    static VirtualNetwork.Kind kind(NetworkKind kind) {
        return switch (kind) {
            case NETWORK_KIND_BIG_SWITCH -> VirtualNetwork.Kind.BIG_SWITCH;
            case NETWORK_KIND_CUSTOM -> VirtualNetwork.Kind.CUSTOM;
            case NETWORK_KIND_UNSPECIFIED -> throw Fields.required("kind");
            case UNRECOGNIZED -> throw ServiceException.invalid(Fields.name("kind")
                    + ": unknown kind: expected NETWORK_KIND_BIG_SWITCH or NETWORK_KIND_CUSTOM");
        };
    }

    /** A virtual port number, a protobuf {@code uint32}. */
    static int portNumber(String field, int number) {
        return (int) Ids.VIRTUAL_PORT.check(field, Integer.toUnsignedLong(number));
    }

    /** A port named with its switch; both are required. */
    static VirtualPortId port(String field, boolean present, io.weft.northbound.grpc.v1.VirtualPortId port) {
        if (!present) {
            throw Fields.required(field);
        }
        return new VirtualPortId(virtualSwitch(field + ".switch", port.getSwitch()),
                portNumber(field + ".port", port.getPort()));
    }
}
