package io.weft.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line for a person per event: revision, time, type, and what it is about, e.g.
 * {@code 1767323045123457 2026-01-02T03:04:05Z link.added of:0000000000000001/2 > of:0000000000000002/2}.
 */
final class EventLines {
    private EventLines() {
    }

    static String line(JsonNode event) {
        return event.path("revision").asText() + " " + event.path("time").asText() + " " + event.path("type").asText()
                + " " + about(event);
    }

    private static String about(JsonNode e) {
        String type = e.path("type").asText();
        String subject = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        return switch (subject) {
            case "device" -> e.at("/device/id").asText()
                    + (e.at("/device/available").asBoolean() ? "" : " (unavailable)");
            case "port" -> e.path("device").asText() + "/" + e.at("/port/port").asText() + " "
                    + (e.at("/port/up").asBoolean() ? "up" : "down");
            case "link" -> PhysicalCommands.point(e.at("/link/src")) + " > "
                    + PhysicalCommands.point(e.at("/link/dst"));
            case "host" -> host(e);
            case "flow" -> e.at("/flow/device").asText() + " cookie " + e.at("/flow/cookie").asText() + " "
                    + e.at("/flow/reason").asText();
            default -> virtual(e);
        };
    }

    private static String host(JsonNode e) {
        JsonNode host = e.path("host");
        int vlan = host.path("vlan").asInt(-1);
        return host.path("mac").asText() + (vlan < 0 ? "" : " vlan " + vlan) + " at "
                + PhysicalCommands.point(host.path("location"))
                + (e.has("previousLocation") ? " (from " + PhysicalCommands.point(e.path("previousLocation")) + ")"
                : "");
    }

    /**
     * A tenant's element: {@code blue}, {@code blue/web custom}, {@code blue att-2 on
     * of:0000000000000002/3 vlan 10} (the device only for the admin), {@code blue/web vs1:1 (att-1)},
     * {@code blue/web 00:00:00:00:00:01}.
     */
    private static String virtual(JsonNode e) {
        JsonNode element = e.path("element");
        String type = e.path("type").asText();
        String where = e.path("tenant").asText() + (e.has("network") ? "/" + e.path("network").asText() : "");
        if (type.startsWith("tenant.")) {
            return where;
        }
        if (type.startsWith("network.")) {
            return where + " " + element.path("kind").asText();
        }
        String what;
        if (type.startsWith("attachment.")) {
            what = element.path("id").asText() + (element.has("device") ? " on " + PhysicalCommands.point(element)
                    : "") + (element.has("vlan") ? " vlan " + element.path("vlan").asText() : "");
        } else if (element.has("mac")) {
            what = element.path("mac").asText();
        } else if (element.has("switch")) {
            what = NetworkCommands.portId(element) + (element.has("attachment")
                    ? " (" + element.path("attachment").asText() + ")" : "");
        } else {
            what = element.path("id").asText();
        }
        return where + " " + what;
    }
}
