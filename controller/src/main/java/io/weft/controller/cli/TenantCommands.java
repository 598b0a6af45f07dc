package io.weft.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft tenants create|list|delete} and {@code weft attachments create|list|delete}: the admin's part. */
public final class TenantCommands {
    private TenantCommands() {
    }

    /** A command that only groups others: alone, it shows its usage. */
    abstract static class Group implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ClientException.USAGE;
        }
    }

    @Command(name = "tenants", mixinStandardHelpOptions = true, description = "Create, list and delete tenants.",
            subcommands = {CreateTenant.class, ListTenants.class, DeleteTenant.class})
    public static final class Tenants extends Group {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a tenant and print its first token, which is shown only this once.")
    static final class CreateTenant implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "TENANT", description = "the new tenant's id, e.g. blue")
        String tenant;

        @Override
        public Integer call() {
            ObjectNode body = RestClient.MAPPER.createObjectNode().put("id", tenant);
            JsonNode created = client.api().post(RestClient.path("tenants"), body);
            if (client.json()) {
                return client.printJson(created);
            }
            client.say("created tenant " + created.path("id").asText() + "; its token (shown only now):");
            return client.say(created.path("token").asText());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tenants.")
    static final class ListTenants implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Override
        public Integer call() {
            return client.list(RestClient.path("tenants"), "tenants",
                    new Table("TENANT", "TOKENS", "ATTACHMENTS", "NETWORKS"), (table, t) -> {
                table.row(t.path("id").asText(), t.path("tokens").asInt(),
                        PhysicalCommands.joined(t.path("attachments")), PhysicalCommands.joined(t.path("networks")));
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a tenant with its tokens, attachments and networks.")
    static final class DeleteTenant implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "TENANT", description = "the tenant's id")
        String tenant;

        @Override
        public Integer call() {
            client.api().delete(RestClient.path("tenants", tenant));
            return client.json() ? client.printJson(RestClient.MAPPER.createObjectNode().put("deleted", tenant))
                    : client.say("deleted tenant " + tenant);
        }
    }

    @Command(name = "attachments", mixinStandardHelpOptions = true,
            description = "Grant, list and take back a tenant's attachments (physical ports, or VLANs on them).",
            subcommands = {CreateAttachment.class, ListAttachments.class, DeleteAttachment.class})
    public static final class Attachments extends Group {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Grant a tenant a port, or a VLAN on a port.")
    static final class CreateAttachment implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = {"-t", "--tenant"}, required = true, paramLabel = "TENANT", description = "the tenant")
        String tenant;

        @Option(names = "--device", required = true, paramLabel = "DEVICE", description = "e.g. of:0000000000000001")
        String device;

        @Option(names = "--port", required = true, paramLabel = "N", description = "the port number on the device")
        long port;

        @Option(names = "--vlan", paramLabel = "VID", description = "the tenant's VLAN on the port, 1..4094"
                + " (default: the whole, untagged port)")
        Integer vlan;

        @Override
        public Integer call() {
            ObjectNode body = RestClient.MAPPER.createObjectNode().put("device", device).put("port", port);
            if (vlan != null) {
                body.put("vlan", vlan);
            }
            JsonNode created = client.api().post(RestClient.path("tenants", tenant, "attachments"), body);
            return client.json() ? client.printJson(created)
                    : client.say("granted " + created.path("id").asText() + " to tenant " + tenant);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's attachments.")
    static final class ListAttachments implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = {"-t", "--tenant"}, required = true, paramLabel = "TENANT", description = "the tenant")
        String tenant;

        @Override
        public Integer call() {
            // A tenant's own token sees no device or port: those columns are left empty.
            return client.list(RestClient.path("tenants", tenant, "attachments"), "attachments",
                    new Table("ATTACHMENT", "DEVICE", "PORT", "VLAN", "BOUND TO"), (table, a) -> {
                JsonNode bound = a.path("boundTo");
                table.row(a.path("id").asText(), a.path("device").asText("-"), a.path("port").asText("-"),
                        a.has("vlan") ? a.path("vlan").asText() : "-", bound.isMissingNode() ? "-"
                                : bound.path("network").asText() + " " + bound.path("switch").asText() + ":"
                                + bound.path("port").asText());
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Take an attachment back (refused while a network's port uses it).")
    static final class DeleteAttachment implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = {"-t", "--tenant"}, required = true, paramLabel = "TENANT", description = "the tenant")
        String tenant;

        @Parameters(paramLabel = "ATTACHMENT", description = "e.g. att-1")
        String attachment;

        @Override
        public Integer call() {
            client.api().delete(RestClient.path("tenants", tenant, "attachments", attachment));
            return client.json() ? client.printJson(RestClient.MAPPER.createObjectNode().put("deleted", attachment))
                    : client.say("deleted " + attachment + " of tenant " + tenant);
        }
    }
}
