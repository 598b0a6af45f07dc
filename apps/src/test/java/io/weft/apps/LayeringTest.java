package io.weft.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DESIGN.md: apps talk to the protocol-neutral southbound API and know nothing of OpenFlow or Netty. */
class LayeringTest {
    private static final List<String> FORBIDDEN = List.of("import org.projectfloodlight", "import io.netty",
            "import io.weft.southbound.openflow");

    @Test
    void appsImportOnlyTheSouthboundApi() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> lines(p).stream().filter(l -> FORBIDDEN.stream().anyMatch(l::startsWith))
                            .map(l -> p + ": " + l))
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
