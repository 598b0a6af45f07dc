package io.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where the machine's CPU time went during a measurement, from the kernel's accounting
 * (/proc/stat and /proc/PID/stat, in clock ticks): the bench's own process, the controller's,
 * and everything else. On a shared machine the last says how far a figure can be trusted.
 */
public final class CpuMeter {
    private static final Path STAT = Path.of("/proc/stat");

    /** CPU time in clock ticks at one instant; {@code interrupts}: hard and soft interrupt time, all CPUs. */
    public record Snapshot(long nanoTime, long machineBusy, long interrupts, long bench, long controller) {
    }

    /**
     * Cores' worth of CPU used between two snapshots (1.0 = one core busy the whole time).
     *
     * @param interrupts the kernel's interrupt and softirq time, charged to no process: on loopback most of it is
     *                   TCP between the switches and the controller
     * @param others     CPU used by every other process: on a shared machine, how much the figure was disturbed
     */
    public record Share(double machine, double bench, double controller, double interrupts, double others) {
        /** As the modes' JSON lines write it, under {@code cpu_cores}. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("machine", machine);
            json.put("bench", bench);
            json.put("controller", controller);
            json.put("interrupts", interrupts);
            json.put("others", others);
            return json;
        }
    }

    private final long controllerPid;
    private final double ticksPerSecond;

    /** {@code controllerPid}: the controller's process, or empty when it runs inside the bench. */
    public CpuMeter(OptionalLong controllerPid) {
        this.controllerPid = controllerPid.orElse(-1);
        this.ticksPerSecond = 100; // USER_HZ; Linux reports 100 on every architecture
    }

    public static boolean available() {
        return Files.isReadable(STAT);
    }

    public Snapshot snapshot() {
        long[] machine = machineTicks();
        return new Snapshot(System.nanoTime(), machine[0], machine[1], processTicks(ProcessHandle.current().pid()),
                controllerPid < 0 ? 0 : processTicks(controllerPid));
    }

    public Share between(Snapshot start, Snapshot end) {
        double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
        double machine = (end.machineBusy() - start.machineBusy()) / ticksPerSecond / seconds;
        double bench = (end.bench() - start.bench()) / ticksPerSecond / seconds;
        double controller = (end.controller() - start.controller()) / ticksPerSecond / seconds;
        double interrupts = (end.interrupts() - start.interrupts()) / ticksPerSecond / seconds;
        return new Share(machine, bench, controller, interrupts, Math.max(0, machine - bench - controller - interrupts));
    }

    /**
     * Busy ticks of all CPUs (everything but idle and I/O wait), and of those the interrupt
     * and softirq ticks. The first line of /proc/stat: user nice system idle iowait irq softirq steal.
     */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total - Long.parseLong(f[4]) - Long.parseLong(f[5]),
                    Long.parseLong(f[6]) + Long.parseLong(f[7])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** User plus system ticks of a process, all its threads. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; fields are counted from after its ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
