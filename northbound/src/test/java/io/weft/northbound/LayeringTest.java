package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: the northbound never reaches into the southbound. It reads the topology services
 * and the protocol-neutral southbound API; OpenFlow, openflowj and Netty stay out (Armeria's
 * own use of Netty is its business).
 */
class LayeringTest {
    private static final List<String> FORBIDDEN = List.of("import org.projectfloodlight", "import io.netty",
            "import io.weft.southbound.openflow", "import static io.weft.southbound.openflow",
            "import io.weft.apps", "import io.weft.controller");

    @Test
    void northboundImportsOnlyTheSouthboundApi() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> lines(p).stream().filter(l -> FORBIDDEN.stream().anyMatch(l.strip()::startsWith))
                            .map(l -> p + ": " + l))
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
