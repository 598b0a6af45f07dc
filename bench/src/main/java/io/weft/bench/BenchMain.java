package io.weft.bench;

import io.weft.bench.api.ApiCommand;
import io.weft.bench.discovery.DiscoveryCommand;
import io.weft.bench.flowsetup.FlowSetupCommand;
import io.weft.bench.install.InstallCommand;
import io.weft.bench.jmh.JmhCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code weft bench MODE [options]}. */
@Command(name = "weft bench", mixinStandardHelpOptions = true, version = "Weft bench 0.1.0",
        description = "Emulated OpenFlow switches over real TCP on loopback: measures a controller, side by side"
                + " with a reference controller in the same run.",
        subcommands = {FlowSetupCommand.class, InstallCommand.class, DiscoveryCommand.class, ApiCommand.class,
            JmhCommand.class})
public final class BenchMain implements Callable<Integer> {
    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    public static void main(String[] args) {
        // Before any logger exists: the bench's own logging setup, not the controller's on the classpath.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-bench.xml");
        }
        int code = new CommandLine(new BenchMain()).execute(args);
        System.exit(code);
    }
}
