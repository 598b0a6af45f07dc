package io.weft.southbound.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Discovery works through the protocol-neutral southbound API only, so it knows no OpenFlow or Netty. */
class DiscoveryLayeringTest {
    private static final List<String> FORBIDDEN = List.of("org.projectfloodlight", "io.netty",
            "io.weft.southbound.openflow");

    @Test
    void discoveryImportsOnlyTheSouthboundApiAndTopology() throws IOException {
        Path sources = Path.of("src/main/java/io/weft/southbound/discovery");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(java).extracting(p -> p.getFileName().toString()).contains("LinkDiscovery.java",
                    "HostLearner.java");
            List<String> offenders = java.stream()
                    .flatMap(p -> lines(p).stream().filter(DiscoveryLayeringTest::forbidden).map(l -> p + ": " + l))
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void theCheckCatchesForbiddenImports() {
        assertThat(forbidden("import io.netty.buffer.ByteBuf;")).isTrue();
        assertThat(forbidden("import static org.projectfloodlight.openflow.types.U64.of;")).isTrue();
        assertThat(forbidden("        io.weft.southbound.openflow.SwitchSession session;")).isTrue();
        assertThat(forbidden("import io.weft.southbound.api.PacketService;")).isFalse();
    }

    /** Imports, static imports and fully qualified names alike; comments may mention them. */
    private static boolean forbidden(String line) {
        String code = line.strip();
        if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
            return false;
        }
        return FORBIDDEN.stream().anyMatch(code::contains);
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
