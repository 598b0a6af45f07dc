package io.weft.topology;

import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.device.Port;
import io.weft.topology.event.Event;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.link.Link;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * What a topology unit test needs and nothing more: counters, a clock the test moves by hand,
 * and an event dispatcher that delivers every event before {@code post} returns (a direct
 * executor under the keyed executor), so a test asserts right after it acts, with no sleeps.
 *
 * <p>Fabrics are wired with a fixed convention so that a link reads like its name: the link
 * from device {@code a} to device {@code b} leaves {@code a} on port {@code b} and arrives at
 * {@code b} on port {@code a} (see {@link #wire}). Other modules' tests reach it, and
 * {@link MutableClock}, through the topology test-jar.
 */
public final class TestFabric {
    public static final DeviceDescription OVS = new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0",
            "None", "OF_13");

    private final Counters counters = new Counters();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final EventDispatcher dispatcher = new EventDispatcher(
            new KeyedSerialExecutor("events", MoreExecutors.newDirectExecutorService(), 10_000, counters), counters);

    public Counters counters() {
        return counters;
    }

    public MutableClock clock() {
        return clock;
    }

    /** Delivers each event to every listener before {@link EventDispatcher#post} returns. */
    public EventDispatcher dispatcher() {
        return dispatcher;
    }

    /** A list that fills with every event of {@code type} posted from now on, in order. */
    public <E extends Event> List<E> record(Class<E> type) {
        List<E> seen = Collections.synchronizedList(new ArrayList<>());
        dispatcher.addListener(type, seen::add);
        return seen;
    }

    public static DeviceId dev(long dpid) {
        return DeviceIds.fromDatapathId(dpid);
    }

    public static ConnectPoint cp(long dpid, long port) {
        return new ConnectPoint(dev(dpid), PortNumber.portNumber(port));
    }

    public static Port port(long number, boolean up) {
        return new Port(PortNumber.portNumber(number), "eth" + number, MacAddress.valueOf(0x0200_0000_0000L + number),
                up, 10_000);
    }

    /** Ports numbered {@code numbers}, all up. */
    public static List<Port> ports(long... numbers) {
        return LongStream.of(numbers).mapToObj(n -> port(n, true)).toList();
    }

    public static Device device(long dpid, boolean available, List<Port> ports) {
        return new Device(dev(dpid), OVS, available, ports);
    }

    /** The event a port change makes, on a connected device that has just that port. */
    public static DeviceEvent portEvent(DeviceEvent.Type type, long dpid, Port port) {
        return new DeviceEvent(type, device(dpid, true, List.of(port)), Optional.of(port));
    }

    public static DeviceEvent deviceEvent(DeviceEvent.Type type, long dpid, List<Port> ports) {
        return new DeviceEvent(type, device(dpid, type != DeviceEvent.Type.DEVICE_DISCONNECTED, ports),
                Optional.empty());
    }

    /** The directed link leaving {@code a} on port {@code aPort} and arriving at {@code b} on {@code bPort}. */
    public static Link link(long a, long aPort, long b, long bPort) {
        return new Link(cp(a, aPort), cp(b, bPort));
    }

    /** The link from {@code a} to {@code b} by the fabric convention: out of port b, in at port a. */
    public static Link link(long a, long b) {
        return link(a, b, b, a);
    }

    /** A cable between {@code a} and {@code b}: both directed links, by the fabric convention. */
    public static Set<Link> wire(long a, long b) {
        return Set.of(link(a, b), link(b, a));
    }

    public static Set<DeviceId> devices(long first, long last) {
        Set<DeviceId> ids = new LinkedHashSet<>();
        LongStream.rangeClosed(first, last).forEach(n -> ids.add(dev(n)));
        return ids;
    }

    /** 1 - 2 - ... - n. */
    public static Set<Link> linear(int n) {
        Set<Link> links = new HashSet<>();
        for (long d = 1; d < n; d++) {
            links.addAll(wire(d, d + 1));
        }
        return links;
    }

    /** 1 - 2 - ... - n - 1. */
    public static Set<Link> ring(int n) {
        Set<Link> links = linear(n);
        links.addAll(wire(n, 1));
        return links;
    }

    /** Spines 1..spines, leaves numbered after them, every leaf wired to every spine. */
    public static Set<Link> leafSpine(int spines, int leaves) {
        Set<Link> links = new HashSet<>();
        for (long s = 1; s <= spines; s++) {
            for (long l = spines + 1; l <= spines + leaves; l++) {
                links.addAll(wire(s, l));
            }
        }
        return links;
    }

    /** Rows x columns, device {@code r * columns + c + 1} at row r, column c, wired to its right and lower neighbours. */
    public static Set<Link> grid(int rows, int columns) {
        Set<Link> links = new HashSet<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                long here = (long) r * columns + c + 1;
                if (c + 1 < columns) {
                    links.addAll(wire(here, here + 1));
                }
                if (r + 1 < rows) {
                    links.addAll(wire(here, here + columns));
                }
            }
        }
        return links;
    }
}
