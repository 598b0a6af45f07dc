package io.weft.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * Where the lab's pieces are (from the system properties failsafe sets) and whether this
 * machine can run the lab at all. When it cannot, the lab is skipped, or fails when
 * {@code weft.lab.required=true}: it never passes without having run.
 */
final class LabEnvironment {
    /** Debian's Python, the one Mininet is installed for (not whatever python3 is first on the PATH). */
    static final String PYTHON = "/usr/bin/python3";
    private static final Map<String, String> DEBIAN_PACKAGES = new TreeMap<>(Map.of(
            "mn", "mininet", "ovs-vsctl", "openvswitch-switch", "ovs-ofctl", "openvswitch-switch",
            "ping", "iputils-ping"));

    private static List<String> missing;

    private LabEnvironment() {
    }

    static boolean required() {
        return Boolean.getBoolean("weft.lab.required");
    }

    static Path controllerJar() {
        return Path.of(System.getProperty("weft.controller.jar", "../controller/target/weft-controller.jar"))
                .toAbsolutePath().normalize();
    }

    static Path labScript() {
        return Path.of(System.getProperty("weft.lab.script", "src/test/python/lab.py")).toAbsolutePath().normalize();
    }

    static Path logDir() {
        return Path.of(System.getProperty("weft.lab.logs", "target/lab-logs")).toAbsolutePath().normalize();
    }

    /**
     * Why the lab cannot run here, or null if it can. When the lab is required, a reason
     * is a failure and this throws instead.
     */
    static String skipReason() {
        List<String> problems = missing();
        if (problems.isEmpty()) {
            return null;
        }
        String message = "the Mininet lab cannot run here:\n  - " + String.join("\n  - ", problems);
        if (required()) {
            throw new AssertionFailedError(message + "\n(weft.lab.required=true, so this fails instead of skipping)");
        }
        return message + "\n(skipped; -Dweft.lab.required=true makes this a failure)";
    }

    /** {@code mn -c}: removes bridges, links and processes a Mininet run left behind. */
    static void cleanMininet(Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process clean = new ProcessBuilder("mn", "-c").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!clean.waitFor(120, TimeUnit.SECONDS)) {
                clean.destroyForcibly();
                System.err.println("[lab] mn -c did not finish within 120s; see " + log);
            }
        } catch (IOException e) {
            System.err.println("[lab] could not run mn -c: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized List<String> missing() {
        if (missing == null) {
            missing = check();
        }
        return missing;
    }

    private static List<String> check() {
        List<String> problems = new ArrayList<>();
        if (!isRoot()) {
            problems.add("not running as root (Mininet creates network namespaces and Open vSwitch bridges)");
        }
        DEBIAN_PACKAGES.forEach((tool, debianPackage) -> {
            if (!onPath(tool)) {
                problems.add("'" + tool + "' is not on the PATH (Debian package " + debianPackage + ")");
            }
        });
        if (!succeeds(PYTHON, "-c", "import mininet")) {
            problems.add(PYTHON + " cannot import mininet (Debian package mininet)");
        }
        if (onPath("ovs-vsctl") && !succeeds("ovs-vsctl", "--timeout=5", "show")) {
            problems.add("Open vSwitch is not running (start it: /usr/share/openvswitch/scripts/ovs-ctl start"
                    + " --system-id=random)");
        }
        if (!Files.isRegularFile(controllerJar())) {
            problems.add("no controller package at " + controllerJar()
                    + " (build it: ./mvnw -B -DskipTests -pl controller -am package)");
        }
        if (!Files.isRegularFile(labScript())) {
            problems.add("no lab driver at " + labScript());
        }
        return List.copyOf(problems);
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
