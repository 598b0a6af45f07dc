package io.weft.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every client command has (where the controller is, the token, {@code --json}),
 * and what the commands do with them: call the API and print. A picocli mixin, made by
 * {@link ClientFactory} with the {@link ClientContext}.
 */
final class ClientOptions {
    private final ClientContext context;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--url", paramLabel = "URL",
            description = "the controller's REST API (default: $WEFT_URL, the client config, http://127.0.0.1:8181)")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "the bearer token, the admin's or a tenant's (default: $WEFT_TOKEN, the client config);"
                    + " other local users can see flags, so prefer the variable or the file")
    String token;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "YAML with url: and token: (default: ~/.config/weft/client.yaml, if it exists)")
    Path configFile;

    @Option(names = "--json", description = "print the API's JSON instead of a table")
    boolean json;

    private RestClient client;

    ClientOptions(ClientContext context) {
        this.context = context;
    }

    ClientContext context() {
        return context;
    }

    RestClient api() {
        if (client == null) {
            client = new RestClient(ClientSettings.resolve(url, token, configFile, context));
        }
        return client;
    }

    boolean json() {
        return json;
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** The answer as JSON on one line, for {@code jq} and scripts. */
    int printJson(JsonNode body) {
        out().println(body.toString());
        out().flush();
        return 0;
    }

    int print(Table table) {
        table.print(out());
        return 0;
    }

    /**
     * What every list command does: GET {@code path}, then print the answer as JSON with
     * {@code --json}, else {@code table} with a row per item of the answer's {@code field}.
     */
    int list(String path, String field, Table table, BiConsumer<Table, JsonNode> row) {
        JsonNode body = api().get(path);
        if (json) {
            return printJson(body);
        }
        body.path(field).forEach(item -> row.accept(table, item));
        return print(table);
    }

    /** A line for people, after a change. */
    int say(String message) {
        out().println(message);
        out().flush();
        return 0;
    }
}
