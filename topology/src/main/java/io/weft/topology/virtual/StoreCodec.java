package io.weft.topology.virtual;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.metrics.Counters;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.store.Entry;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON documents the store holds, written field by field (as the REST views are), so that
 * renaming a Java field cannot change what is on disk. Reading tolerates fields it does not
 * know, which a later version may add; an entry it cannot read at all is logged, counted
 * ({@code virtual.store.bad_entries}) and skipped rather than hiding the whole tenant.
 */
final class StoreCodec {
    private static final Logger log = LoggerFactory.getLogger(StoreCodec.class);

    private final ObjectMapper mapper = new ObjectMapper();
    private final Counters counters;

    StoreCodec(Counters counters) {
        this.counters = counters;
    }

    String tenant(TenantId id) {
        return write(mapper.createObjectNode().put("id", id.value()));
    }

    String token() {
        return write(mapper.createObjectNode().put("hash", "sha-256"));
    }

    String attachment(Attachment attachment) {
        return write(attachmentNode(attachment));
    }

    private ObjectNode attachmentNode(Attachment attachment) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", attachment.id());
        node.put("device", attachment.point().device().toString());
        node.put("port", attachment.point().port().toLong());
        attachment.vlan().ifPresent(v -> node.put("vlan", v.toShort()));
        return node;
    }

    String network(VirtualNetwork network) {
        return write(mapper.createObjectNode().put("id", network.id().name()).put("kind", network.kind().wireName())
                .put("tag", network.tag()));
    }

    String virtualSwitch(VirtualSwitch virtualSwitch) {
        return write(mapper.createObjectNode().put("id", virtualSwitch.id()));
    }

    String port(VirtualPort port) {
        ObjectNode node = portId(port.id());
        port.attachment().ifPresent(a -> node.put("attachment", a));
        return write(node);
    }

    String link(VirtualLink link) {
        ObjectNode node = mapper.createObjectNode();
        node.set("src", portId(link.src()));
        node.set("dst", portId(link.dst()));
        return write(node);
    }

    String host(VirtualHost host) {
        ObjectNode node = mapper.createObjectNode();
        node.put("mac", host.mac().toString());
        ArrayNode ips = node.putArray("ips");
        host.ips().forEach(ip -> ips.add(ip.toString()));
        node.set("port", portId(host.port()));
        return write(node);
    }

    private ObjectNode portId(VirtualPortId id) {
        return mapper.createObjectNode().put("switch", id.virtualSwitch()).put("port", id.port());
    }

    /** The fabric tags in use, each with the network that has it: {@code {"17": "blue/web"}}. */
    String tags(SortedMap<Integer, NetworkId> tags) {
        ObjectNode node = mapper.createObjectNode();
        tags.forEach((tag, network) -> node.put(Integer.toString(tag), network.toString()));
        return write(node);
    }

    SortedMap<Integer, NetworkId> tags(Optional<Entry> entry) {
        SortedMap<Integer, NetworkId> tags = new TreeMap<>();
        entry.ifPresent(e -> index(e, () -> read(e).properties().forEach(p -> {
            String network = p.getValue().asText();
            int slash = network.indexOf('/');
            tags.put(Integer.parseInt(p.getKey()), new NetworkId(new TenantId(network.substring(0, slash)),
                    network.substring(slash + 1)));
        })));
        return tags;
    }

    /** The attachments on one device, of every tenant: what a new grant must not overlap. */
    String point(List<Attachment> attachments) {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode list = node.putArray("attachments");
        attachments.forEach(a -> list.add(attachmentNode(a).put("tenant", a.tenant().value())));
        return write(node);
    }

    List<Attachment> point(Optional<Entry> entry) {
        List<Attachment> attachments = new ArrayList<>();
        entry.ifPresent(e -> index(e, () -> read(e).path("attachments").forEach(node -> attachments.add(
                attachment(new TenantId(text(node, "tenant")), node)))));
        return attachments;
    }

    String attachmentIds(long next) {
        return write(mapper.createObjectNode().put("next", next));
    }

    /** The number the next attachment gets: numbers are never reused, so an old id never means a new grant. */
    long nextAttachmentNumber(Optional<Entry> entry) {
        long[] next = {1};
        entry.ifPresent(e -> index(e, () -> next[0] = number(read(e), "next")));
        return next[0];
    }

    /**
     * Reads one of the indexes that guard what must be unique across tenants. One that cannot be
     * read stops every change that needs it (a bug, or a damaged store): guessing could hand out
     * a tag or a port twice.
     */
    private static void index(Entry entry, Runnable reader) {
        try {
            reader.run();
        } catch (RuntimeException e) {
            throw new IllegalStateException("store index " + entry.key() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The tenant from the entries under its prefix; empty when its version key is absent. */
    Optional<TenantState> tenant(TenantId id, List<Entry> entries) {
        String prefix = StoreLayout.tenantPrefix(id);
        Entry version = null;
        TreeSet<String> tokens = new TreeSet<>();
        Map<String, Attachment> attachments = new HashMap<>();
        Map<String, VirtualNetwork> networks = new HashMap<>();
        Map<String, List<Entry>> contents = new HashMap<>();
        for (Entry entry : entries) {
            String[] path = entry.key().substring(prefix.length()).split("/", -1);
            try {
                if (path.length == 1 && path[0].equals("tenant")) {
                    version = entry;
                } else if (path.length == 2 && path[0].equals("tokens")) {
                    tokens.add(path[1]);
                } else if (path.length == 2 && path[0].equals("attachments")) {
                    Attachment attachment = attachment(id, read(entry));
                    check(attachment.id().equals(path[1]), "attachment id differs from its key");
                    attachments.put(attachment.id(), attachment);
                } else if (path.length == 3 && path[0].equals("networks") && path[2].equals("network")) {
                    JsonNode node = read(entry);
                    VirtualNetwork.Kind kind = VirtualNetwork.Kind.fromWireName(text(node, "kind"))
                            .orElseThrow(() -> new IllegalArgumentException("unknown kind"));
                    networks.put(path[1], new VirtualNetwork(new NetworkId(id, path[1]), kind, number(node, "tag")));
                } else if (path.length > 3 && path[0].equals("networks")) {
                    contents.computeIfAbsent(path[1], n -> new ArrayList<>()).add(entry);
                } else {
                    throw new IllegalArgumentException("no such key in the layout");
                }
            } catch (RuntimeException e) {
                bad(entry, e);
            }
        }
        if (version == null) {
            return Optional.empty();
        }
        Map<String, NetworkState> states = new HashMap<>();
        networks.forEach((name, network) -> states.put(name, network(network,
                contents.getOrDefault(name, List.of()))));
        contents.keySet().stream().filter(n -> !networks.containsKey(n))
                .forEach(n -> contents.get(n).forEach(e -> bad(e, new IllegalArgumentException("no network " + n))));
        return Optional.of(TenantState.of(id, version.modRevision(), tokens, attachments, states));
    }

    private NetworkState network(VirtualNetwork network, List<Entry> entries) {
        NetworkId id = network.id();
        String prefix = StoreLayout.networkPrefix(id);
        TreeSet<String> switches = new TreeSet<>();
        SortedMap<VirtualPortId, VirtualPort> ports = new TreeMap<>();
        SortedMap<String, VirtualLink> links = new TreeMap<>();
        SortedMap<Long, VirtualHost> hosts = new TreeMap<>();
        for (Entry entry : entries) {
            String[] path = entry.key().substring(prefix.length()).split("/", -1);
            try {
                if (path.length == 2 && path[0].equals("switches")) {
                    switches.add(new VirtualSwitch(id, path[1]).id());
                } else if (path.length == 3 && path[0].equals("ports")) {
                    JsonNode node = read(entry);
                    VirtualPortId port = portId(node);
                    check(port.equals(new VirtualPortId(path[1], Integer.parseInt(path[2]))), "port differs from key");
                    ports.put(port, new VirtualPort(id, port, Optional.ofNullable(node.get("attachment"))
                            .map(a -> text(node, "attachment"))));
                } else if (path.length == 2 && path[0].equals("links")) {
                    JsonNode node = read(entry);
                    VirtualLink link = new VirtualLink(id, portId(node.path("src")), portId(node.path("dst")));
                    links.put(link.id(), link);
                } else if (path.length == 2 && path[0].equals("hosts")) {
                    JsonNode node = read(entry);
                    List<IpAddress> ips = new ArrayList<>();
                    node.path("ips").forEach(ip -> ips.add(IpAddress.valueOf(ip.asText())));
                    VirtualHost host = new VirtualHost(id, MacAddress.valueOf(text(node, "mac")),
                            new TreeSet<>(ips), portId(node.path("port")), true);
                    hosts.put(host.mac().toLong(), host);
                } else {
                    throw new IllegalArgumentException("no such key in the layout");
                }
            } catch (RuntimeException e) {
                bad(entry, e);
            }
        }
        return new NetworkState(network, switches, ports, links, hosts);
    }

    private static Attachment attachment(TenantId tenant, JsonNode node) {
        Optional<VlanId> vlan = node.has("vlan") ? Optional.of(VlanId.vlanId((short) number(node, "vlan")))
                : Optional.empty();
        ConnectPoint point = new ConnectPoint(DeviceId.deviceId(text(node, "device")),
                PortNumber.portNumber(node.path("port").asLong()));
        return new Attachment(text(node, "id"), tenant, point, vlan);
    }

    private static VirtualPortId portId(JsonNode node) {
        return new VirtualPortId(text(node, "switch"), number(node, "port"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        check(value != null && value.isTextual(), field + " is not a string");
        return value.asText();
    }

    private static int number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        check(value != null && value.canConvertToInt(), field + " is not an integer");
        return value.asInt();
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    private JsonNode read(Entry entry) {
        try {
            JsonNode node = mapper.readTree(entry.value());
            check(node != null && node.isObject(), "not a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private void bad(Entry entry, RuntimeException e) {
        counters.increment("virtual.store.bad_entries");
        log.warn("store entry {} (revision {}) cannot be read and is ignored: {}", entry.key(), entry.modRevision(),
                e.getMessage());
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
