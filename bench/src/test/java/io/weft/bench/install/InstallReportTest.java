package io.weft.bench.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.Machine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;

class InstallReportTest {
    private static final InstallSettings SETTINGS = new InstallSettings(OFVersion.OF_13, 16, 4, List.of(10_000), 0, 3,
            1000, Duration.ZERO, 1, Duration.ofSeconds(10));
    private static final Machine MACHINE = new Machine(2, 1024, "cpu", "jdk", "os");
    private static final InstallResult WEFT = new InstallResult("weft",
            List.of(new InstallResult.Batch(10_000, List.of(100_000.0, 300_000.0, 200_000.0), 0.5, 0.25)));
    private static final InstallResult RAW = new InstallResult("reference",
            List.of(new InstallResult.Batch(10_000, List.of(1_000_000.0), 0.01, 0)));

    @Test
    void theTableGivesMedianRangeCpuCostAndRatioPerBatch() {
        String text = InstallReport.human(SETTINGS, MACHINE, WEFT, RAW);
        assertThat(text).contains("install, OpenFlow 1.3: 16 switches, rules [10000], each switch's share in one apply");
        assertThat(text).contains("200,000 (100,000-300,000); 60,000 per CPU-s; others 0.25");
        assertThat(text).contains("1,000,000 (1,000,000-1,000,000); 1,000,000 per CPU-s; others 0.00");
        assertThat(text).endsWith(" 0.200");
    }

    @Test
    void theJsonLineHasBothInstallersAndTheRatioPerBatch() throws Exception {
        String json = InstallReport.json(SETTINGS, MACHINE, WEFT, RAW);
        assertThat(json).startsWith("{\"mode\":\"install\",\"weft\":{");
        assertThat(json).contains("{\"rules\":10000,\"median\":200000,\"min\":100000,\"max\":300000,");
        assertThat(json).endsWith(",\"ratio\":{\"10000\":0.2}}");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.fieldNames()).toIterable().containsExactly("mode", "weft", "reference", "ratio");
    }
}
