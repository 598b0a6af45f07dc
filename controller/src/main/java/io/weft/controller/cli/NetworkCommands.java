package io.weft.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft networks ...}: a tenant's virtual networks, for the admin or (with its own token)
 * the tenant: the networks, their switches, ports and links, and the whole virtual topology.
 */
public final class NetworkCommands {
    private NetworkCommands() {
    }

    /** The tenant and network a command is about. */
    static final class Target {
        @Option(names = {"-t", "--tenant"}, required = true, paramLabel = "TENANT", description = "the tenant")
        String tenant;

        @Parameters(index = "0", paramLabel = "NETWORK", description = "the network's name, e.g. web")
        String network;

        String path(String... more) {
            String[] segments = new String[4 + more.length];
            segments[0] = "tenants";
            segments[1] = tenant;
            segments[2] = "networks";
            segments[3] = network;
            System.arraycopy(more, 0, segments, 4, more.length);
            return RestClient.path(segments);
        }
    }

    @Command(name = "networks", mixinStandardHelpOptions = true,
            description = "Create, list, show and delete a tenant's virtual networks, their switches, ports and links.",
            subcommands = {CreateNetwork.class, ListNetworks.class, ShowNetwork.class, DeleteNetwork.class,
                Switches.class, Ports.class, Links.class})
    public static final class Networks extends TenantCommands.Group {
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a virtual network.")
    static final class CreateNetwork implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "big-switch",
                description = "big-switch (the tenant's attachments as ports of one switch) or custom (its own"
                        + " switches and links); default: ${DEFAULT-VALUE}")
        String kind;

        @Override
        public Integer call() {
            ObjectNode body = RestClient.MAPPER.createObjectNode().put("id", target.network).put("kind", kind);
            JsonNode created = client.api().post(RestClient.path("tenants", target.tenant, "networks"), body);
            return client.json() ? client.printJson(created) : client.say("created " + created.path("kind").asText()
                    + " network " + created.path("id").asText() + " of tenant " + target.tenant);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's networks.")
    static final class ListNetworks implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = {"-t", "--tenant"}, required = true, paramLabel = "TENANT", description = "the tenant")
        String tenant;

        @Override
        public Integer call() {
            return client.list(RestClient.path("tenants", tenant, "networks"), "networks",
                    new Table("NETWORK", "KIND", "TAG"), (table, n) -> {
                table.row(n.path("id").asText(), n.path("kind").asText(), n.path("tag").asText("-"));
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a network's whole virtual topology: switches and ports, links and their state, hosts.")
    static final class ShowNetwork implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            JsonNode topology = client.api().get(target.path("topology"));
            if (client.json()) {
                return client.printJson(topology);
            }
            JsonNode network = topology.path("network");
            client.say("network " + network.path("id").asText() + " of tenant " + target.tenant + ": "
                    + network.path("kind").asText() + (network.has("tag") ? ", fabric tag " + network.path("tag")
                    .asText() : ""));
            client.say("");
            Table ports = new Table("SWITCH", "PORT", "ATTACHMENT", "PHYSICAL");
            for (JsonNode s : topology.path("switches")) {
                if (s.path("ports").isEmpty()) {
                    ports.row(s.path("id").asText(), "-", "-", "-");
                }
                for (JsonNode p : s.path("ports")) {
                    ports.row(s.path("id").asText(), p.path("port").asText(), p.path("attachment").asText("-"),
                            physical(p));
                }
            }
            client.print(ports);
            if (!topology.path("links").isEmpty()) {
                client.say("");
                Table links = new Table("LINK", "STATE", "PATH");
                for (JsonNode l : topology.path("links")) {
                    links.row(l.path("id").asText(), l.path("state").asText(), path(l.path("path")));
                }
                client.print(links);
            }
            if (!topology.path("hosts").isEmpty()) {
                client.say("");
                Table hosts = new Table("HOST", "IPS", "PORT", "DECLARED");
                for (JsonNode h : topology.path("hosts")) {
                    hosts.row(h.path("mac").asText(), PhysicalCommands.joined(h.path("ips")),
                            portId(h.path("port")), h.path("declared").asBoolean() ? "yes" : "learned");
                }
                client.print(hosts);
            }
            return 0;
        }

        private static String path(JsonNode links) {
            if (links.isMissingNode() || links.isEmpty()) {
                return "-";
            }
            StringBuilder path = new StringBuilder();
            for (JsonNode link : links) {
                path.append(path.isEmpty() ? "" : " ").append(PhysicalCommands.point(link.path("src"))).append(">")
                        .append(PhysicalCommands.point(link.path("dst")));
            }
            return path.toString();
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a network with everything in it.")
    static final class DeleteNetwork implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            client.api().delete(target.path());
            return client.json() ? client.printJson(RestClient.MAPPER.createObjectNode().put("deleted",
                    target.network)) : client.say("deleted network " + target.network + " of tenant " + target.tenant);
        }
    }

    @Command(name = "switches", mixinStandardHelpOptions = true,
            description = "A custom network's virtual switches.", subcommands = {AddSwitch.class, ListSwitches.class})
    static final class Switches extends TenantCommands.Group {
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a virtual switch to a custom network.")
    static final class AddSwitch implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Parameters(index = "1", paramLabel = "SWITCH", description = "the switch's name, e.g. vs1")
        String name;

        @Override
        public Integer call() {
            JsonNode created = client.api().post(target.path("switches"),
                    RestClient.MAPPER.createObjectNode().put("id", name));
            return client.json() ? client.printJson(created) : client.say("added switch " + name + " to network "
                    + target.network);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a network's virtual switches.")
    static final class ListSwitches implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            return client.list(target.path("switches"), "switches", new Table("SWITCH", "PORTS"), (table, s) -> {
                table.row(s.path("id").asText(), s.path("ports").size());
            });
        }
    }

    @Command(name = "ports", mixinStandardHelpOptions = true,
            description = "A network's ports: edge ports on attachments, internal ports for links.",
            subcommands = {AddPort.class, ListPorts.class, DeletePort.class})
    static final class Ports extends TenantCommands.Group {
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a port: to a big switch, or with --switch to a custom network's switch.")
    static final class AddPort implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Option(names = "--switch", paramLabel = "SWITCH", description = "the custom network's switch (none for a"
                + " big switch)")
        String virtualSwitch;

        @Option(names = "--attachment", paramLabel = "ATTACHMENT", description = "the tenant's attachment the port"
                + " stands for, e.g. att-1 (none: an internal port, for a link)")
        String attachment;

        @Override
        public Integer call() {
            ObjectNode body = RestClient.MAPPER.createObjectNode();
            if (attachment != null) {
                body.put("attachment", attachment);
            }
            String path = virtualSwitch == null ? target.path("ports") : target.path("switches", virtualSwitch,
                    "ports");
            JsonNode created = client.api().post(path, body);
            return client.json() ? client.printJson(created) : client.say("added port " + portId(created)
                    + " to network " + target.network);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every port of a network.")
    static final class ListPorts implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            return client.list(target.path("ports"), "ports",
                    new Table("SWITCH", "PORT", "ATTACHMENT", "PHYSICAL"), (table, p) -> {
                table.row(p.path("switch").asText(), p.path("port").asText(), p.path("attachment").asText("-"),
                        physical(p));
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a port, with its link and the hosts declared at it.")
    static final class DeletePort implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Option(names = "--switch", paramLabel = "SWITCH", description = "the custom network's switch (none for a"
                + " big switch)")
        String virtualSwitch;

        @Parameters(index = "1", paramLabel = "PORT", description = "the port number")
        int port;

        @Override
        public Integer call() {
            String number = Integer.toString(port);
            client.api().delete(virtualSwitch == null ? target.path("ports", number)
                    : target.path("switches", virtualSwitch, "ports", number));
            String name = (virtualSwitch == null ? "big" : virtualSwitch) + ":" + number;
            return client.json() ? client.printJson(RestClient.MAPPER.createObjectNode().put("deleted", name))
                    : client.say("deleted port " + name + " of network " + target.network);
        }
    }

    @Command(name = "links", mixinStandardHelpOptions = true,
            description = "A custom network's virtual links between internal ports.",
            subcommands = {AddLink.class, ListLinks.class, DeleteLink.class})
    static final class Links extends TenantCommands.Group {
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Link two internal ports of two switches, e.g. vs1:1 vs2:1.")
    static final class AddLink implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Parameters(index = "1", paramLabel = "SRC", description = "SWITCH:PORT")
        String src;

        @Parameters(index = "2", paramLabel = "DST", description = "SWITCH:PORT")
        String dst;

        @Override
        public Integer call() {
            ObjectNode body = RestClient.MAPPER.createObjectNode();
            body.set("src", end("SRC", src));
            body.set("dst", end("DST", dst));
            JsonNode created = client.api().post(target.path("links"), body);
            return client.json() ? client.printJson(created) : client.say("added link " + created.path("id").asText()
                    + " to network " + target.network);
        }

        private static ObjectNode end(String name, String text) {
            int colon = text.lastIndexOf(':');
            try {
                return RestClient.MAPPER.createObjectNode().put("switch", text.substring(0, colon))
                        .put("port", Integer.parseInt(text.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new ClientException(ClientException.USAGE, name + " must be SWITCH:PORT, e.g. vs1:1, got '"
                        + text + "'");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a network's links.")
    static final class ListLinks implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            return client.list(target.path("links"), "links", new Table("LINK", "STATE"), (table, l) -> {
                table.row(l.path("id").asText(), l.path("state").asText());
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a link, e.g. vs1:1-vs2:1.")
    static final class DeleteLink implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Mixin
        Target target;

        @Parameters(index = "1", paramLabel = "LINK", description = "the link, named by its ends: vs1:1-vs2:1")
        String link;

        @Override
        public Integer call() {
            client.api().delete(target.path("links", link));
            return client.json() ? client.printJson(RestClient.MAPPER.createObjectNode().put("deleted", link))
                    : client.say("deleted link " + link + " of network " + target.network);
        }
    }

    static String portId(JsonNode port) {
        return port.path("switch").asText() + ":" + port.path("port").asText();
    }

    /** The admin's view of where a port is on the fabric; "-" for a tenant's token or an internal port. */
    static String physical(JsonNode port) {
        JsonNode physical = port.path("physical");
        if (physical.isMissingNode()) {
            return "-";
        }
        return PhysicalCommands.point(physical) + (physical.has("vlan") ? " vlan " + physical.path("vlan").asText()
                : "");
    }
}
