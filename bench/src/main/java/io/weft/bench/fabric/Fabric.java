package io.weft.bench.fabric;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of an emulated fabric: how many switches, how many ports each reports (the same
 * for all, numbered 1..ports), the cables between them and the ports where hosts may sit.
 * Ports that are neither cabled nor host ports are up but lead nowhere.
 *
 * @param name      how the command line named it, e.g. {@code grid,25x40}
 * @param hostPorts ports with no cable, where the bench's emulated hosts attach, in a fixed order
 */
public record Fabric(String name, int switches, int ports, List<Cable> cables, List<Endpoint> hostPorts) {
    /** Far more than the targets ask for; the switch index must fit the emulated switch's datapath ids. */
    public static final int MAX_SWITCHES = 10_000;

    public Fabric {
        cables = List.copyOf(cables);
        hostPorts = List.copyOf(hostPorts);
        if (switches < 1 || switches > MAX_SWITCHES) {
            throw new IllegalArgumentException("a fabric has 1.." + MAX_SWITCHES + " switches, not " + switches);
        }
        Set<Endpoint> used = new HashSet<>();
        for (Cable cable : cables) {
            for (Endpoint end : List.of(cable.a(), cable.b())) {
                check(end, switches, ports);
                if (!used.add(end)) {
                    throw new IllegalArgumentException(end + " has two cables");
                }
            }
        }
        for (Endpoint host : hostPorts) {
            check(host, switches, ports);
            if (used.contains(host)) {
                throw new IllegalArgumentException("host port " + host + " has a cable");
            }
        }
        if (new HashSet<>(hostPorts).size() != hostPorts.size()) {
            throw new IllegalArgumentException("a host port is listed twice");
        }
    }

    private static void check(Endpoint end, int switches, int ports) {
        if (end.switchIndex() >= switches || end.port() > ports) {
            throw new IllegalArgumentException(end + " is outside a fabric of " + switches + " switches of "
                    + ports + " ports");
        }
    }

    /** What a controller should report: both directions of every cable, as {@code src>dst}. */
    public Set<String> expectedLinks() {
        Set<String> links = new LinkedHashSet<>();
        for (Cable cable : cables) {
            links.add(linkKey(cable.a(), cable.b()));
            links.add(linkKey(cable.b(), cable.a()));
        }
        return links;
    }

    /** One directed link as the bench compares them: {@code of:.../port>of:.../port}. */
    public static String linkKey(Endpoint src, Endpoint dst) {
        return linkKey(src.deviceId().toString(), src.port(), dst.deviceId().toString(), dst.port());
    }

    public static String linkKey(String srcDevice, long srcPort, String dstDevice, long dstPort) {
        return srcDevice + "/" + srcPort + ">" + dstDevice + "/" + dstPort;
    }
}
