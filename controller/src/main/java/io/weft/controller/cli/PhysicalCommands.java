package io.weft.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The fabric as the controller sees it, for the admin: {@code weft devices|links|hosts|flows}. */
public final class PhysicalCommands {
    private PhysicalCommands() {
    }

    @Command(name = "devices", mixinStandardHelpOptions = true, description = "List the switches and their ports.")
    public static final class Devices implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            Table devices = new Table("DEVICE", "AVAILABLE", "PROTOCOL", "PORTS UP", "MANUFACTURER", "SOFTWARE");
            return client.list(RestClient.path("devices"), "devices", devices, (table, d) -> {
                int up = 0;
                for (JsonNode port : d.path("ports")) {
                    up += port.path("up").asBoolean() ? 1 : 0;
                }
                table.row(d.path("id").asText(), d.path("available").asBoolean() ? "yes" : "no",
                        d.path("protocol").asText(), up + "/" + d.path("ports").size(), d.path("manufacturer").asText(),
                        d.path("software").asText());
            });
        }
    }

    @Command(name = "links", mixinStandardHelpOptions = true,
            description = "List the links discovered between switches (each direction of a cable is one).")
    public static final class Links implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.list(RestClient.path("links"), "links", new Table("SRC", "DST"), (table, link) -> {
                table.row(point(link.path("src")), point(link.path("dst")));
            });
        }
    }

    @Command(name = "hosts", mixinStandardHelpOptions = true,
            description = "List the hosts learned at the edge of the fabric.")
    public static final class Hosts implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.list(RestClient.path("hosts"), "hosts",
                    new Table("MAC", "VLAN", "IPS", "LOCATION", "LAST SEEN"), (table, host) -> {
                int vlan = host.path("vlan").asInt(-1);
                table.row(host.path("mac").asText(), vlan < 0 ? "-" : vlan, joined(host.path("ips")),
                        point(host.path("location")), host.path("lastSeen").asText());
            });
        }
    }

    @Command(name = "flows", mixinStandardHelpOptions = true,
            description = "List the flow rules Weft believes are on a device, with their state and owner.")
    public static final class Flows implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "DEVICE", description = "the device, e.g. of:0000000000000001")
        String device;

        @Override
        public Integer call() {
            Table flows = new Table("TABLE", "PRIORITY", "MATCH", "ACTIONS", "STATE", "APP", "IDLE", "COOKIE");
            return client.list(RestClient.path("devices", device, "flows"), "flows", flows, (table, flow) -> {
                List<String> match = new ArrayList<>();
                flow.path("match").properties().forEach(f -> match.add(f.getKey() + "=" + f.getValue().asText()));
                List<String> actions = new ArrayList<>();
                for (JsonNode action : flow.path("actions")) {
                    String argument = action.has("port") ? action.path("port").asText()
                            : action.has("vlan") ? action.path("vlan").asText() : "";
                    actions.add(action.path("type").asText() + (argument.isEmpty() ? "" : ":" + argument));
                }
                String state = state(flow);
                table.row(flow.path("table").asInt(), flow.path("priority").asInt(),
                        match.isEmpty() ? "*" : String.join(",", match), String.join(",", actions), state,
                        flow.path("app").asText(), flow.path("idleTimeout").asInt(), flow.path("cookie").asText());
            });
        }
    }

    /**
     * A flow's state, with why it failed and when it is sent again: {@code FAILED (TABLE_FULL; retry 3 at
     * 2026-01-02T03:04:09Z)}. Once retries gave up the error says so.
     */
    static String state(JsonNode flow) {
        List<String> details = new ArrayList<>();
        if (flow.has("error")) {
            details.add(flow.path("error").asText());
        }
        if (flow.has("nextRetry")) {
            details.add("retry " + (flow.path("attempts").asInt() + 1) + " at " + flow.path("nextRetry").asText());
        }
        return flow.path("state").asText() + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
    }

    /** {@code of:0000000000000001/2}: a device and port as one word. */
    static String point(JsonNode point) {
        return point.path("device").asText() + "/" + point.path("port").asText();
    }

    static String joined(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items.isEmpty() ? "-" : String.join(",", items);
    }
}
