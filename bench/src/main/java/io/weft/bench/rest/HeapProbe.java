package io.weft.bench.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's heap from the outside: {@code jcmd PID GC.run} (a full collection, so that what is
 * left is what the process holds on to) then {@code jcmd PID GC.heap_info}; and its resident
 * memory from /proc. Uses the jcmd of the JDK that runs the bench, which started the controller.
 */
public final class HeapProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    /** JDK 21: "total 262144K, used 45678K"; JDK 25: "total reserved 524288K, committed 48128K, used 16316K". */
    private static final Pattern COMMITTED = Pattern.compile("(?:committed|total) (\\d+)K");
    private static final Pattern MAX = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    /** Heap after a full GC, in KiB: used, committed ({@code total}) and the maximum (-1 if unknown). */
    public record Heap(long usedKiB, long committedKiB, long maxKiB, long rssKiB, String heapInfo) {
        public double usedMiB() {
            return usedKiB / 1024.0;
        }

        public double maxMiB() {
            return maxKiB < 0 ? -1 : maxKiB / 1024.0;
        }
    }

    private HeapProbe() {
    }

    public static Heap measure(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        String flags = jcmd(pid, "VM.flags");
        Matcher max = MAX.matcher(flags);
        return parse(info, max.find() ? Long.parseLong(max.group(1)) / 1024 : -1, rssKiB(pid));
    }

    /**
     * Sums the {@code used} and committed size of every heap line (G1 has one, the generational
     * collectors one per generation) and stops at the metaspace lines, which are not heap.
     */
    static Heap parse(String heapInfo, long maxKiB, long rssKiB) {
        long used = 0;
        long total = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                break;
            }
            Matcher u = USED.matcher(line);
            Matcher t = COMMITTED.matcher(line);
            if (u.find() && t.find()) {
                used += Long.parseLong(u.group(1));
                total += Long.parseLong(t.group(1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no heap figures in jcmd's GC.heap_info:\n" + heapInfo);
        }
        return new Heap(used, total, maxKiB, rssKiB, heapInfo.strip());
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed (" + p.exitValue() + "): " + out.strip());
        }
        return out;
    }

    /** The heap line of jcmd's output, for the human summary. */
    public static Optional<String> firstHeapLine(Heap heap) {
        return heap.heapInfo().lines().filter(l -> USED.matcher(l).find()).findFirst().map(String::strip);
    }
}
