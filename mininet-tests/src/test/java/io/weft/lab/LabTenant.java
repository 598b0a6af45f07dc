package io.weft.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant as a lab test sets it up over REST: the admin creates it and grants it
 * attachments (the switch ports its hosts are plugged into); the tenant, with the token it
 * was given, builds its virtual networks out of them.
 */
final class LabTenant {
    /** Weft's cookie marker and the virtual-network compiler's app id: 0x5704, then the network's fabric tag. */
    private static final long VNET_COOKIE = 0x5704L << 48;

    private final WeftApi admin;
    private final String id;
    private final WeftApi own;

    private LabTenant(WeftApi admin, String id, WeftApi own) {
        this.admin = admin;
        this.id = id;
        this.own = own;
    }

    /** The admin creates tenant {@code id}; the tenant's API uses the token the answer shows once. */
    static LabTenant create(WeftApi admin, String id) {
        JsonNode created = admin.post("/api/v1/tenants", "{\"id\":\"" + id + "\"}");
        return new LabTenant(admin, id, admin.withToken(created.path("token").asText()));
    }

    String id() {
        return id;
    }

    /** The tenant's own view of the API, with its token. */
    WeftApi api() {
        return own;
    }

    /** {@code /api/v1/tenants/{id}} and {@code rest}. */
    String path(String rest) {
        return "/api/v1/tenants/" + id + rest;
    }

    /** The admin grants the whole switch port {@code at} (untagged); the attachment's id. */
    String attach(WeftApi.ConnectPoint at) {
        return admin.post(path("/attachments"), "{\"device\":\"%s\",\"port\":%d}".formatted(at.device(), at.port()))
                .path("id").asText();
    }

    /** The tenant builds big switch {@code network} over attachments the admin grants at {@code ports}. */
    void bigSwitch(String network, List<WeftApi.ConnectPoint> ports) {
        List<String> attachments = new ArrayList<>();
        ports.forEach(port -> attachments.add(attach(port)));
        own.post(path("/networks"), "{\"id\":\"%s\",\"kind\":\"big-switch\"}".formatted(network));
        attachments.forEach(attachment -> own.post(path("/networks/" + network + "/ports"),
                "{\"attachment\":\"%s\"}".formatted(attachment)));
    }

    /** The tenant creates custom network {@code network}, without switches yet. */
    void customNetwork(String network) {
        own.post(path("/networks"), "{\"id\":\"%s\",\"kind\":\"custom\"}".formatted(network));
    }

    void addSwitch(String network, String virtualSwitch) {
        own.post(path("/networks/" + network + "/switches"), "{\"id\":\"%s\"}".formatted(virtualSwitch));
    }

    /** A port of a virtual switch bound to the attachment {@code attachment}; its number. */
    int addEdgePort(String network, String virtualSwitch, String attachment) {
        return own.post(path("/networks/%s/switches/%s/ports".formatted(network, virtualSwitch)),
                "{\"attachment\":\"%s\"}".formatted(attachment)).path("port").asInt();
    }

    /** An internal port of a virtual switch, for a virtual link; its number. */
    int addInternalPort(String network, String virtualSwitch) {
        return own.post(path("/networks/%s/switches/%s/ports".formatted(network, virtualSwitch)), "{}")
                .path("port").asInt();
    }

    /** A virtual link between two internal ports; its id, as the API names it. */
    String addLink(String network, String srcSwitch, int srcPort, String dstSwitch, int dstPort) {
        return own.post(path("/networks/" + network + "/links"),
                "{\"src\":{\"switch\":\"%s\",\"port\":%d},\"dst\":{\"switch\":\"%s\",\"port\":%d}}"
                        .formatted(srcSwitch, srcPort, dstSwitch, dstPort)).path("id").asText();
    }

    void deleteLink(String network, String link) {
        own.delete(path("/networks/" + network + "/links/" + link));
    }

    void deleteNetwork(String network) {
        own.delete(path("/networks/" + network));
    }

    /** The cookie of every flow rule of {@code network}, from the fabric tag only the admin sees. */
    long cookie(String network) {
        JsonNode tag = admin.get(path("/networks/" + network)).path("tag");
        if (!tag.canConvertToInt() || tag.asInt() < 1) {
            throw new IllegalStateException("network " + network + " of " + id + " has no fabric tag: "
                    + admin.get(path("/networks/" + network)));
        }
        return VNET_COOKIE | tag.asInt();
    }

    /** The admin deletes the tenant, and with it its attachments and networks. */
    void delete() {
        admin.delete(path(""));
    }

    @Override
    public String toString() {
        return "tenant " + id;
    }
}
