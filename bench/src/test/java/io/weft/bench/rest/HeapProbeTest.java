package io.weft.bench.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapProbeTest {
    @Test
    void readsG1OnJdk25() {
        HeapProbe.Heap heap = HeapProbe.parse("""
                12069:
                 garbage-first heap   total reserved 524288K, committed 48128K, used 16316K [0x00000000e0000000, 0x0000000100000000)
                  region size 1024K, 1 young (1024K), 0 survivors (0K)
                 Metaspace       used 30000K, committed 30500K, reserved 1114112K
                """, 524288, 180_000);
        assertThat(heap.usedKiB()).isEqualTo(16316);
        assertThat(heap.committedKiB()).isEqualTo(48128);
        assertThat(heap.usedMiB()).isEqualTo(16316 / 1024.0);
        assertThat(heap.maxMiB()).isEqualTo(512);
        assertThat(HeapProbe.firstHeapLine(heap)).hasValueSatisfying(l -> assertThat(l).startsWith("garbage-first"));
    }

    @Test
    void readsG1OnJdk21AndSumsTheGenerationsOfTheSerialCollector() {
        assertThat(HeapProbe.parse(" garbage-first heap   total 262144K, used 45678K [0x0, 0x0)\n"
                + " Metaspace       used 1K, committed 2K, reserved 3K\n", -1, -1).usedKiB()).isEqualTo(45678);
        HeapProbe.Heap serial = HeapProbe.parse("""
                 def new generation   total 9792K, used 1234K [0x0, 0x0, 0x0)
                  eden space 8704K,  14% used [0x0, 0x0, 0x0)
                 tenured generation   total 21888K, used 10000K [0x0, 0x0, 0x0)
                 Metaspace       used 30000K, committed 30500K, reserved 1114112K
                """, -1, -1);
        assertThat(serial.usedKiB()).isEqualTo(11234);
        assertThat(serial.committedKiB()).isEqualTo(31680);
        assertThat(serial.maxMiB()).isEqualTo(-1);
    }

    @Test
    void outputWithoutHeapFiguresIsRefused() {
        assertThatThrownBy(() -> HeapProbe.parse("12069:\nsomething else\n", -1, -1))
                .hasMessageContaining("no heap figures");
    }
}
