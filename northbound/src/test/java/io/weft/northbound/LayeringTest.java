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

    /**
     * REST and gRPC are two faces of one service layer: the layer knows neither, and neither face
     * knows the other's wire format.
     */
    @Test
    void theServiceLayerKnowsNoProtocolAndTheFacesNotEachOther() throws IOException {
        assertThat(imports("io/weft/northbound/service", List.of("import com.linecorp", "import com.fasterxml",
                "import io.grpc", "import com.google.protobuf", "import io.weft.northbound."),
                "import io.weft.northbound.service.")).isEmpty();
        assertThat(imports("io/weft/northbound/grpc", List.of("import com.fasterxml"), "")).isEmpty();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/weft/northbound"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> lines(p).stream().filter(l -> l.startsWith("import io.grpc")
                            || l.startsWith("import com.google.protobuf")).map(l -> p + ": " + l))
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    /** Imports in the package's sources that start with one of {@code forbidden} and not with {@code allowed}. */
    private static List<String> imports(String pkg, List<String> forbidden, String allowed) throws IOException {
        Path sources = Path.of("src/main/java").resolve(pkg);
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> lines(p).stream().filter(l -> forbidden.stream().anyMatch(l::startsWith))
                            .filter(l -> allowed.isEmpty() || !l.startsWith(allowed)).map(l -> p + ": " + l))
                    .toList();
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
