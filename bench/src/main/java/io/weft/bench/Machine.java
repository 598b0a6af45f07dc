package io.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The machine a figure was measured on, as BENCHMARKS.md records it. */
public record Machine(int cores, long memoryMiB, String cpu, String jdk, String os) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                memInfoKiB().map(k -> k / 1024).orElse(-1L),
                cpuModel().orElse("unknown CPU"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    public String describe() {
        return String.format("%d cores (%s), %,d MiB memory, %s, %s", cores, cpu, memoryMiB, jdk, os);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cores", cores);
        json.put("memory_mib", memoryMiB);
        json.put("cpu", cpu);
        json.put("jdk", jdk);
        json.put("os", os);
        return json;
    }

    private static Optional<Long> memInfoKiB() {
        return firstLine(Path.of("/proc/meminfo"), "MemTotal:")
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")));
    }

    private static Optional<String> cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name").map(line -> line.substring(line.indexOf(':') + 1).trim());
    }

    private static Optional<String> firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
