package io.weft.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Weft controller as a fresh process: MAC-learning forwarding, OpenFlow on a
 * loopback port of its own, a data directory of its own, run by the JDK that runs the bench.
 */
public final class WeftProcess {
    static final String API_PORT_FLAG = "--api-port";
    /** What Weft logs once it has started everything. */
    static final String READY = "Weft ready";

    private WeftProcess() {
    }

    /** The command line; {@code --api-port 0} only if this build of Weft has that flag. */
    public static List<String> command(Path jar, int openflowPort, Path dataDir, List<String> javaOptions,
                                       boolean hasApiPortFlag) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--forwarding", "learning",
                "--openflow-address", "127.0.0.1", "--openflow-port", Integer.toString(openflowPort),
                "--data-dir", dataDir.toString()));
        if (hasApiPortFlag) {
            command.addAll(List.of(API_PORT_FLAG, "0"));
        }
        return command;
    }

    public static ManagedProcess start(Path jar, int openflowPort, Path workDir, List<String> javaOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no Weft controller package at " + jar
                    + "; build it with ./weft mvn -B -q package -DskipTests, or name it with --weft-jar");
        }
        List<String> command = command(jar, openflowPort, workDir.resolve("weft-data"), javaOptions,
                hasApiPortFlag(jar));
        ManagedProcess process = ManagedProcess.start("Weft", command, workDir.resolve("weft.log"));
        try {
            process.awaitListening(openflowPort, Duration.ofSeconds(60));
            // OpenFlow listens before the REST API has started; stopping Weft in between leaves it half up.
            process.awaitOutput(READY, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    /** Asks the package itself whether {@code serve} takes {@value #API_PORT_FLAG}. */
    static boolean hasApiPortFlag(Path jar) {
        try {
            Process help = new ProcessBuilder(java(), "-jar", jar.toString(), "serve", "--help")
                    .redirectErrorStream(true).start();
            String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!help.waitFor(30, TimeUnit.SECONDS)) {
                help.destroyForcibly();
            }
            return text.contains(API_PORT_FLAG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The java launcher of the JDK running the bench. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
