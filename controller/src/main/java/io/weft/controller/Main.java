package io.weft.controller;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code weft} command. {@code weft serve} runs the controller. */
@Command(name = "weft", mixinStandardHelpOptions = true, version = "Weft 0.1.0",
        description = "An OpenFlow SDN controller for isolated tenant virtual networks.",
        subcommands = {Main.Serve.class})
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

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
            } catch (ConfigException e) {
                System.err.println("weft: " + e.getMessage());
                return 2;
            }
            stopped.await();
            return 0;
        }

        WeftConfig resolve() {
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
            return config;
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
