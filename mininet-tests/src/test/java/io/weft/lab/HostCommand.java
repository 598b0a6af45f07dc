package io.weft.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command run on the lab machine itself (ovs-vsctl, ovs-ofctl), as an operator would type it. */
final class HostCommand {
    private static final long TIMEOUT_SECONDS = 10;

    private HostCommand() {
    }

    /** {@code ovs-vsctl ARGS...}: what it printed. */
    static String vsctl(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ovs-vsctl";
        System.arraycopy(args, 0, argv, 1, args.length);
        return run(argv);
    }

    /** Runs {@code argv} and returns what it printed; fails the test if it fails or hangs. */
    static String run(String... argv) {
        String line = String.join(" ", argv);
        try {
            Process process = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(line + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + line, e);
        }
    }
}
