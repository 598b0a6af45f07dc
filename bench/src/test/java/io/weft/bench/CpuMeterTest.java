package io.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void attributesBusyTimeToTheBenchTheControllerAndTheRest() {
        CpuMeter meter = new CpuMeter(OptionalLong.of(42));
        CpuMeter.Share share = meter.between(new CpuMeter.Snapshot(0, 1_000, 5, 10, 20),
                new CpuMeter.Snapshot(2_000_000_000L, 1_380, 15, 110, 270));
        assertThat(share.machine()).isEqualTo(1.9);
        assertThat(share.bench()).isEqualTo(0.5);
        assertThat(share.controller()).isEqualTo(1.25);
        assertThat(share.interrupts()).isEqualTo(0.05);
        assertThat(share.others()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void countsTheTicksOfThisProcessWhileItWorks() {
        long before = CpuMeter.processTicks(ProcessHandle.current().pid());
        long spin = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < spin) {
            x += System.identityHashCode(new Object());
        }
        assertThat(x).isNotZero();
        assertThat(CpuMeter.processTicks(ProcessHandle.current().pid())).isGreaterThan(before);
        assertThat(CpuMeter.available()).isTrue();
    }
}
