package io.weft.controller;

import io.weft.controller.cli.ClientContext;
import io.weft.controller.cli.ClientException;
import io.weft.controller.cli.ClientFactory;
import io.weft.controller.cli.CompletionCommand;
import io.weft.controller.cli.NetworkCommands;
import io.weft.controller.cli.PhysicalCommands;
import io.weft.controller.cli.TenantCommands;
import io.weft.controller.cli.WatchCommand;
import io.weft.northbound.ApiConfig;
import io.weft.topology.store.StoreException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code weft} command. {@code weft serve} runs the controller; the other subcommands are a
 * client of a running one's REST API ({@link io.weft.controller.cli}).
 */
@Command(name = "weft", mixinStandardHelpOptions = true, version = "Weft 0.1.0",
        description = "An OpenFlow SDN controller for isolated tenant virtual networks.",
        subcommands = {Main.Serve.class, PhysicalCommands.Devices.class, PhysicalCommands.Links.class,
            PhysicalCommands.Hosts.class, PhysicalCommands.Flows.class, TenantCommands.Tenants.class,
            TenantCommands.Attachments.class, NetworkCommands.Networks.class, WatchCommand.class,
            CompletionCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the API refused the request (its message says why)",
            "2:a usage or config error", "3:the controller could not be reached"})
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final String ADMIN_TOKEN_ENV = "WEFT_ADMIN_TOKEN";

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the controller. Flags override the config file; the file overrides the defaults.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML config file")
        Path configFile;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "where durable state is kept (default: weft-data)")
        Path dataDir;

        @Option(names = "--openflow-port", paramLabel = "N", description = "OpenFlow listening port (default: 6653)")
        Integer openflowPort;

        @Option(names = "--openflow-address", paramLabel = "ADDR", description = "OpenFlow listening address (default: 0.0.0.0)")
        String openflowAddress;

        @Option(names = "--forwarding", paramLabel = "MODE",
                description = "forwarding app: path (shortest paths, the default) or learning (per-switch MAC learning)")
        String forwarding;

        @Option(names = "--api-port", paramLabel = "N", description = "REST API listening port (default: 8181)")
        Integer apiPort;

        @Option(names = "--api-address", paramLabel = "ADDR",
                description = "REST and gRPC API listening address (default: 0.0.0.0)")
        String apiAddress;

        @Option(names = "--grpc-port", paramLabel = "N",
                description = "a port of the gRPC API's own (default: the REST API's port, beside REST)")
        Integer grpcPort;

        @Option(names = "--admin-token", paramLabel = "TOKEN", description = "the REST API's admin bearer token"
                + " (default: $" + ADMIN_TOKEN_ENV + ", the config file, or one generated into the data directory);"
                + " other local users can see flags, so prefer the variable or the file")
        String adminToken;

        @Override
        public Integer call() throws Exception {
            WeftConfig config;
            try {
                config = resolve();
            } catch (ConfigException e) {
                System.err.println("weft: " + e.getMessage());
                return 2;
            }
            Weft weft = new Weft(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("stopping");
                try {
                    weft.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stopped.countDown();
            }, "weft-shutdown"));
            try {
                weft.start();
            } catch (ConfigException | IllegalStateException | StoreException e) {
                System.err.println("weft: " + e.getMessage());
                return 2;
            }
            stopped.await();
            return 0;
        }

        WeftConfig resolve() {
            return resolve(System.getenv());
        }

        /** Flags, then the environment, then the config file, then the defaults. */

        WeftConfig resolve(Map<String, String> env) {
            WeftConfig config = configFile == null ? WeftConfig.DEFAULTS : ConfigLoader.load(configFile);
            if (dataDir != null) {
                config = config.withDataDir(dataDir);
            }
            if (openflowPort != null) {
                if (openflowPort < 0 || openflowPort > 65535) {
                    throw new ConfigException("--openflow-port: must be within 0..65535, got " + openflowPort);
                }
                config = config.withOpenflow(config.openflow().withPort(openflowPort));
            }
            if (forwarding != null) {
                config = config.withForwardingMode(ForwardingMode.parse(forwarding, "--forwarding"));
            }
            if (openflowAddress != null) {
                config = config.withOpenflow(config.openflow().withAddress(openflowAddress));
            }
            if (apiPort != null) {
                if (apiPort < 0 || apiPort > 65535) {
                    throw new ConfigException("--api-port: must be within 0..65535, got " + apiPort);
                }
                config = config.withApi(config.api().withPort(apiPort));
            }
            if (grpcPort != null) {
                if (grpcPort < 0 || grpcPort > 65535) {
                    throw new ConfigException("--grpc-port: must be within 0..65535, got " + grpcPort);
                }
                config = config.withApi(config.api().withGrpcPort(grpcPort));
            }
            if (apiAddress != null) {
                if (apiAddress.isBlank()) {
                    throw new ConfigException("--api-address: must not be empty");
                }
                config = config.withApi(config.api().withAddress(apiAddress));
            }
            String envToken = env.getOrDefault(ADMIN_TOKEN_ENV, "");
            if (adminToken != null) {
                config = config.withApi(config.api().withAdminToken(checkToken("--admin-token", adminToken)));
            } else if (!envToken.isEmpty()) {
                config = config.withApi(config.api().withAdminToken(checkToken(ADMIN_TOKEN_ENV, envToken)));
            }
            return config;
        }
    }

    private static String checkToken(String source, String token) {
        try {
            return ApiConfig.checkToken(token);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    /**
     * The whole command line, its client commands reading the world through {@code context};
     * a client's failure prints its message (never a stack trace) and exits with its code.
     */
    public static CommandLine commandLine(ClientContext context) {
        CommandLine commandLine = new CommandLine(new Main(), new ClientFactory(context));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ClientException failure) {
                line.getErr().println("weft: " + failure.getMessage());
                line.getErr().flush();
                return failure.exitCode();
            }
            throw e;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        int code = commandLine(ClientContext.system()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
