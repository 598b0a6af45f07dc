package io.weft.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How Mininet wired a lab network, as the driver reported it once the network was up:
 * the ground truth the controller's view of the topology is checked against.
 *
 * @param switches switch names in Mininet's order
 * @param dpids    each switch's datapath id, 16 hex digits
 * @param hosts    each host's addresses and the switch port it is plugged into
 * @param cables   the cables between two switches
 */
public record LabWiring(List<String> switches, Map<String, String> dpids, Map<String, HostPort> hosts,
                        List<Cable> cables) {

    public LabWiring {
        switches = List.copyOf(switches);
        dpids = Map.copyOf(dpids);
        hosts = Map.copyOf(hosts);
        cables = List.copyOf(cables);
    }

    /** A host, and the switch and OpenFlow port it is plugged into. */
    public record HostPort(String ip, String mac, String switchName, int port) {
    }

    /** A cable between port {@code aPort} of switch {@code a} and port {@code bPort} of switch {@code b}. */
    public record Cable(String a, int aPort, String b, int bPort) {
        boolean joins(String one, String other) {
            return (a.equals(one) && b.equals(other)) || (a.equals(other) && b.equals(one));
        }

        @Override
        public String toString() {
            return "%s:%d-%s:%d".formatted(a, aPort, b, bPort);
        }
    }

    /** Reads the driver's ready line. */
    static LabWiring fromReadyLine(JsonNode ready) {
        List<String> switches = new ArrayList<>();
        ready.path("switches").forEach(name -> switches.add(name.asText()));
        Map<String, String> dpids = new LinkedHashMap<>();
        ready.path("dpids").properties().forEach(e -> dpids.put(e.getKey(), e.getValue().asText()));
        Map<String, HostPort> hosts = new LinkedHashMap<>();
        ready.path("hosts").properties().forEach(e -> hosts.put(e.getKey(), new HostPort(
                e.getValue().path("ip").asText(), e.getValue().path("mac").asText(),
                e.getValue().path("switch").asText(), e.getValue().path("port").asInt())));
        List<Cable> cables = new ArrayList<>();
        ready.path("cables").forEach(cable -> cables.add(new Cable(cable.path("a").asText(),
                cable.path("a_port").asInt(), cable.path("b").asText(), cable.path("b_port").asInt())));
        return new LabWiring(switches, dpids, hosts, cables);
    }

    /** Host names in Mininet's order (h1, h2, ...). */
    public List<String> hostNames() {
        return List.copyOf(hosts.keySet().stream().sorted(LabWiring::byNumber).toList());
    }

    /** The device id Weft gives a switch: {@code of:} and its datapath id. */
    public String deviceId(String switchName) {
        String dpid = dpids.get(switchName);
        if (dpid == null) {
            throw new IllegalArgumentException("no switch " + switchName + " in " + dpids.keySet());
        }
        return "of:" + dpid;
    }

    /** Every switch's device id. */
    public Set<String> deviceIds() {
        Set<String> ids = new LinkedHashSet<>();
        switches.forEach(name -> ids.add(deviceId(name)));
        return ids;
    }

    /** Where a host is plugged in, as Weft names it. */
    public WeftApi.ConnectPoint location(String host) {
        HostPort attached = hosts.get(host);
        if (attached == null) {
            throw new IllegalArgumentException("no host " + host + " in " + hosts.keySet());
        }
        return new WeftApi.ConnectPoint(deviceId(attached.switchName()), attached.port());
    }

    /** The links discovery must find: each cable once in each direction. */
    public Set<WeftApi.Link> expectedLinks() {
        Set<WeftApi.Link> links = new LinkedHashSet<>();
        cables.forEach(cable -> links.addAll(links(cable)));
        return links;
    }

    /** A cable's two directed links. */
    public Set<WeftApi.Link> links(Cable cable) {
        WeftApi.ConnectPoint a = new WeftApi.ConnectPoint(deviceId(cable.a()), cable.aPort());
        WeftApi.ConnectPoint b = new WeftApi.ConnectPoint(deviceId(cable.b()), cable.bPort());
        return Set.of(new WeftApi.Link(a, b), new WeftApi.Link(b, a));
    }

    /** The cable between two switches. */
    public Cable cable(String one, String other) {
        return cables.stream().filter(cable -> cable.joins(one, other)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cable between " + one + " and " + other
                        + " in " + cables));
    }

    /** The cable a directed link runs over, if any. */
    public Cable cableOf(WeftApi.Link link) {
        return cables.stream().filter(cable -> links(cable).contains(link)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(link + " is on no cable of " + cables));
    }

    /** The ports hosts are plugged into: no link may start or end at one. */
    public Set<WeftApi.ConnectPoint> hostPorts() {
        Set<WeftApi.ConnectPoint> ports = new LinkedHashSet<>();
        hosts.keySet().forEach(host -> ports.add(location(host)));
        return ports;
    }

    private static int byNumber(String one, String other) {
        int compared = Integer.compare(number(one), number(other));
        return compared != 0 ? compared : one.compareTo(other);
    }

    private static int number(String name) {
        String digits = name.replaceAll("\\D", "");
        return digits.isEmpty() || digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
