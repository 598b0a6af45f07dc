package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the controller's REST API says about a lab network, waited for until it matches
 * how Mininet wired the network: the checks a user would make with curl.
 */
final class ControllerView {

    private ControllerView() {
    }

    /**
     * The available devices are exactly the switches of the network (the switches of a
     * network built before under the same controller may still be listed, unavailable).
     */
    static Poll.Outcome<List<WeftApi.Device>> awaitDevices(WeftApi api, LabWiring wiring, Duration timeout) {
        Set<String> expected = wiring.deviceIds();
        return Poll.until("available devices " + expected, timeout, api::devices,
                devices -> devices.stream().filter(WeftApi.Device::available).map(WeftApi.Device::id)
                        .collect(Collectors.toSet()).equals(expected));
    }

    /** The links are exactly both directions of every cable. */
    static Poll.Outcome<Set<WeftApi.Link>> awaitLinks(WeftApi api, LabWiring wiring, Duration timeout) {
        Set<WeftApi.Link> expected = wiring.expectedLinks();
        return Poll.until("the links of the cables " + wiring.cables() + " in both directions", timeout,
                () -> Set.copyOf(api.links()), expected::equals);
    }

    /** Devices, then links, as Mininet wired them; how long it took in all. */
    static double awaitTopology(WeftApi api, LabWiring wiring, Duration timeout) {
        long start = System.nanoTime();
        awaitDevices(api, wiring, timeout);
        awaitLinks(api, wiring, timeout);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Every Mininet host is a host of the API, with its IPv4 address and at the switch port
     * it is plugged into; and there is no other host.
     */
    static Poll.Outcome<List<WeftApi.Host>> awaitHosts(WeftApi api, LabWiring wiring, Duration timeout) {
        Poll.Outcome<List<WeftApi.Host>> found = Poll.until("every host of " + wiring.hosts()
                        + " with its address and location", timeout, api::hosts,
                hosts -> wiring.hostNames().stream().allMatch(name -> located(hosts, wiring, name)));
        Set<String> macs = new HashSet<>();
        wiring.hosts().values().forEach(host -> macs.add(host.mac().toLowerCase(Locale.ROOT)));
        assertThat(found.value()).as("hosts the API reports that are no Mininet host (Mininet's: %s)",
                        wiring.hosts())
                .filteredOn(host -> !macs.contains(host.mac().toLowerCase(Locale.ROOT)))
                .isEmpty();
        assertThat(found.value()).as("hosts the API reports").hasSize(wiring.hosts().size());
        return found;
    }

    /** No link starts or ends at a port a host is plugged into. */
    static void assertNoLinkAtHostPorts(Set<WeftApi.Link> links, LabWiring wiring) {
        Set<WeftApi.ConnectPoint> hostPorts = wiring.hostPorts();
        assertThat(links).as("links touching a host's port %s", hostPorts)
                .filteredOn(link -> hostPorts.stream().anyMatch(link::touches))
                .isEmpty();
    }

    /** No queue of the controller refused work for overload (events, packet-ins...) so far. */
    static void assertNoOverload(WeftApi api) {
        assertThat(api.metrics().samples().entrySet()).as("counters of work refused for overload")
                .filteredOn(sample -> sample.getKey().contains("overload") && sample.getValue() > 0)
                .isEmpty();
    }

    private static boolean located(List<WeftApi.Host> hosts, LabWiring wiring, String name) {
        LabWiring.HostPort expected = wiring.hosts().get(name);
        return hosts.stream().anyMatch(host -> host.mac().equalsIgnoreCase(expected.mac())
                && host.ips().contains(expected.ip())
                && host.location().equals(Optional.of(wiring.location(name))));
    }
}
