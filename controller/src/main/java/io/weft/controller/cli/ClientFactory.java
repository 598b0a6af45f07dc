package io.weft.controller.cli;

import picocli.CommandLine;

/** Makes picocli's commands and mixins, giving the client options their {@link ClientContext}. */
public final class ClientFactory implements CommandLine.IFactory {
    private final ClientContext context;

    public ClientFactory(ClientContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == ClientOptions.class) {
            return type.cast(new ClientOptions(context));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
