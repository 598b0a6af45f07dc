package io.weft.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Free loopback ports, and whether something listens on one. */
public final class Ports {
    /** Ports other tools on these machines use: never handed out. */
    static final Set<Integer> RESERVED = Set.of(6633, 6653, 8181, 16653);
    private static final List<Path> PROC_TCP = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";

    private Ports() {
    }

    /** An ephemeral port nothing listens on now (the kernel's choice), never a reserved one. */
    public static int free() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (!RESERVED.contains(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port", e);
            }
        }
        throw new IllegalStateException("no free loopback port found");
    }

    /**
     * True if a socket listens on {@code port}, read from the kernel's socket tables so that
     * no connection is made (a probe connection would look like a switch to a controller).
     */
    public static boolean listening(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (Path table : PROC_TCP) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals(LISTEN)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return false;
    }
}
