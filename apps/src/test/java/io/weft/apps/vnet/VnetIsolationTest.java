package io.weft.apps.vnet;

import static io.weft.apps.fabric.Fabric.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.apps.fabric.Fabric;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import io.weft.topology.path.Topology;
import io.weft.topology.virtual.VirtualNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.onlab.packet.Ethernet;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * Random fabrics (connected graphs of 2 to 8 switches, parallel links allowed) and random
 * networks on them (2 to 4, big switches and custom ones, whose hosts all use MACs and IPs
 * 1, 2, 3...; attachments on whole ports or on VLANs of shared ports, some VLANs equal to
 * fabric tags): no frame from an attachment of one network ever leaves through an attachment
 * of another, or through a port of no network; hosts that the virtual topology joins always
 * reach each other, before and after a link of the fabric goes down.
 */
class VnetIsolationTest {
    private static final int[] VLANS = {10, 20, 100, 101, 102};

    /** A fabric and its networks, made from a seed so that a failure can be replayed. */
    record Scenario(long seed, int switches, List<int[]> cables, Map<Integer, Integer> ports, List<Net> nets,
                    List<ConnectPoint> edgePorts) {
        static Scenario random(long seed) {
            Random random = new Random(seed);
            int switches = 2 + random.nextInt(7);
            List<int[]> cables = new ArrayList<>();
            for (int s = 2; s <= switches; s++) {
                cables.add(new int[] {s, 1 + random.nextInt(s - 1)});
            }
            for (int extra = random.nextInt(switches + 1); extra > 0; extra--) {
                int a = 1 + random.nextInt(switches);
                int b = 1 + random.nextInt(switches);
                if (a != b) {
                    cables.add(new int[] {a, b});
                }
            }
            Map<Integer, Integer> linkPorts = new HashMap<>();
            for (int[] cable : cables) {
                linkPorts.merge(cable[0], 1, Integer::sum);
                linkPorts.merge(cable[1], 1, Integer::sum);
            }
            Map<Integer, Integer> ports = new HashMap<>();
            List<ConnectPoint> edgePorts = new ArrayList<>();
            for (int s = 1; s <= switches; s++) {
                int first = linkPorts.getOrDefault(s, 0) + 1;
                ports.put(s, first + 2);
                for (int p = first; p <= first + 2; p++) {
                    edgePorts.add(point(s, p));
                }
            }
            int count = 2 + random.nextInt(3);
            List<Net> nets = new ArrayList<>();
            List<List<String>> switchesOf = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                String tenant = "t" + random.nextInt(2);
                boolean custom = random.nextBoolean();
                Net net = custom ? Net.custom(tenant, "n" + n, 101 + n) : Net.bigSwitch(tenant, "n" + n, 101 + n);
                List<String> vs = new ArrayList<>();
                for (int v = 1, k = custom ? 1 + random.nextInt(3) : 1; v <= k; v++) {
                    vs.add("vs" + v);
                }
                for (int a = 0; a < vs.size(); a++) {
                    for (int b = a + 1; b < vs.size(); b++) {
                        if (random.nextInt(3) > 0) {
                            net.link(vs.get(a), vs.get(b));
                        }
                    }
                }
                nets.add(net);
                switchesOf.add(vs);
            }
            int[] nextMac = new int[count];
            for (ConnectPoint port : edgePorts) {
                int use = random.nextInt(4);
                if (use == 0) {
                    continue;
                }
                List<Integer> vlans = new ArrayList<>();
                if (use == 1) {
                    vlans.add(0);
                } else {
                    for (int vlan : VLANS) {
                        if (random.nextInt(3) == 0) {
                            vlans.add(vlan);
                        }
                    }
                }
                for (int vlan : vlans) {
                    int n = random.nextInt(count);
                    Net net = nets.get(n);
                    List<String> vs = switchesOf.get(n);
                    String name = net.network.kind() == VirtualNetwork.Kind.CUSTOM
                            ? vs.get(random.nextInt(vs.size())) : "big";
                    net.site(name, port, vlan, ++nextMac[n]);
                }
            }
            return new Scenario(seed, switches, cables, ports, nets, edgePorts);
        }

        VnetLab build() {
            VnetLab lab = new VnetLab();
            Map<Integer, Integer> used = new HashMap<>();
            for (int s = 1; s <= switches; s++) {
                lab.fabric.addSwitch(s, ports.get(s));
            }
            for (int[] cable : cables) {
                int pa = used.merge(cable[0], 1, Integer::sum);
                int pb = used.merge(cable[1], 1, Integer::sum);
                lab.fabric.cable(point(cable[0], pa), point(cable[1], pb));
            }
            return lab;
        }

        @Override
        public String toString() {
            return "seed " + seed + ": " + switches + " switches, cables "
                    + cables.stream().map(c -> c[0] + "-" + c[1]).toList() + ", networks "
                    + nets.stream().map(n -> n.network.id() + "(" + n.network.kind() + " " + n.links.stream()
                    .map(l -> l.src().virtualSwitch() + "-" + l.dst().virtualSwitch()).toList() + ") " + n.sites)
                    .toList();
        }
    }

    /** 200 scenarios from fixed seeds: the same every run, and a failure names the seed to replay. */
    static LongStream seeds() {
        return new Random(0x57_4546_54L).longs(200);
    }

    /** Where a copy left, and tagged how. */
    record Exit(ConnectPoint port, VlanId vlan) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void networksNeverCrossAndTheirHostsAlwaysMeet(long seed) {
        Scenario scenario = Scenario.random(seed);
        VnetLab lab = scenario.build();
        lab.apply(scenario.nets().toArray(Net[]::new));
        check(scenario, lab);

        List<Link> links = lab.fabric.topology.topology().links().stream()
                .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
        Random random = new Random(scenario.seed());
        if (!links.isEmpty()) {
            lab.fabric.portDown(links.get(random.nextInt(links.size())).src());
            lab.apply(scenario.nets().toArray(Net[]::new));
            check(scenario, lab);
        }
    }

    private static void check(Scenario scenario, VnetLab lab) {
        boolean connected = connected(lab);
        int macs = scenario.nets().stream().mapToInt(n -> n.sites.size()).max().orElse(0);
        List<MacAddress> destinations = new ArrayList<>(List.of(MacAddress.BROADCAST,
                MacAddress.valueOf("02:00:00:00:00:99")));
        for (int mac = 1; mac <= macs; mac++) {
            destinations.add(MacAddress.valueOf((long) mac));
        }
        Set<Exit> attachments = new HashSet<>();
        scenario.nets().forEach(n -> n.sites.forEach(s -> attachments.add(new Exit(s.point(), s.vlan()))));
        for (Net net : scenario.nets()) {
            VirtualReach reach = VirtualReach.of(net.spec());
            for (Site from : net.sites) {
                List<Site> part = net.sites.stream().filter(s -> reach.connected(from.port(), s.port())).toList();
                Set<Exit> allowed = part.stream().map(s -> new Exit(s.point(), s.vlan())).collect(Collectors.toSet());
                Exit controller = new Exit(new ConnectPoint(from.point().device(), PortNumber.CONTROLLER), from.vlan());
                allowed.add(controller);
                for (MacAddress dst : destinations) {
                    assertThat(exits(lab.deliver(from, dst))).as("%s to %s", from, dst).isSubsetOf(allowed);
                }
                if (!connected) {
                    continue;
                }
                List<Exit> others = part.stream().filter(s -> s != from).map(s -> new Exit(s.point(), s.vlan()))
                        .toList();
                List<Exit> flood = exits(lab.deliver(from, MacAddress.BROADCAST));
                boolean bigSwitch = net.network.kind() == VirtualNetwork.Kind.BIG_SWITCH;
                if (bigSwitch || !flood.equals(List.of(controller))) {
                    assertThat(flood).as("broadcast from %s", from).containsExactlyInAnyOrderElementsOf(others);
                }
                for (Site to : part) {
                    if (to == from) {
                        continue;
                    }
                    assertThat(exits(lab.deliver(from, to.mac()))).as("%s to %s", from, to)
                            .containsExactly(new Exit(to.point(), to.vlan()));
                }
            }
        }
        // Ports and VLANs of no network, and tagged frames at a whole-port attachment.
        List<VlanId> vlans = new ArrayList<>(List.of(VlanId.NONE));
        for (int vlan : VLANS) {
            vlans.add(VlanId.vlanId((short) vlan));
        }
        scenario.nets().forEach(n -> vlans.add(VlanId.vlanId((short) n.network.tag())));
        for (ConnectPoint port : scenario.edgePorts()) {
            for (VlanId vlan : vlans) {
                boolean assigned = attachments.contains(new Exit(port, vlan))
                        || vlan.equals(VlanId.NONE) && attachments.contains(new Exit(port, VlanId.NONE));
                if (assigned) {
                    continue;
                }
                for (MacAddress dst : destinations) {
                    Ethernet frame = VnetLab.frame(MacAddress.valueOf(1L), dst, vlan, Ethernet.TYPE_IPV4);
                    assertThat(lab.fabric.deliver(port, frame)).as("from %s on %s to %s", port, vlan, dst).isEmpty();
                }
            }
        }
    }

    private static List<Exit> exits(List<Fabric.Delivery> deliveries) {
        return deliveries.stream().map(d -> new Exit(d.port(), d.vlan())).toList();
    }

    /** True when every switch reaches every other over the links discovery knows. */
    private static boolean connected(VnetLab lab) {
        Topology topology = lab.fabric.topology.topology();
        DeviceId first = topology.devices().iterator().next();
        return topology.devices().stream().allMatch(d -> topology.path(first, d).isPresent());
    }
}
