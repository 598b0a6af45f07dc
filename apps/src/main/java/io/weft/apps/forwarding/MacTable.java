package io.weft.apps.forwarding;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.onlab.packet.MacAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

/**
 * Where each switch last saw each source MAC address; bounded per switch. Each switch's
 * table is an open-addressing table of MACs as numbers: a switch learns up to its bound
 * (100,000 by default) of them, and as objects in a hash map that was about 70 bytes per
 * address, all copied by the garbage collector while the table filled.
 */
final class MacTable {
    private final Map<DeviceId, DeviceTable> tables = new ConcurrentHashMap<>();
    private final int maxPerDevice;

    MacTable(int maxPerDevice) {
        this.maxPerDevice = maxPerDevice;
    }

    /** Records {@code mac} at {@code port}; false if the switch's table is full and the MAC is new. */
    boolean learn(DeviceId device, MacAddress mac, PortNumber port) {
        return tables.computeIfAbsent(device, d -> new DeviceTable(maxPerDevice)).put(mac.toLong(), port);
    }

    Optional<PortNumber> lookup(DeviceId device, MacAddress mac) {
        DeviceTable table = tables.get(device);
        return table == null ? Optional.empty() : Optional.ofNullable(table.get(mac.toLong()));
    }

    void forget(DeviceId device) {
        tables.remove(device);
    }

    void forgetPort(DeviceId device, PortNumber port) {
        DeviceTable table = tables.get(device);
        if (table != null) {
            table.removePort(port);
        }
    }

    /**
     * One switch's MACs and ports, in parallel arrays with linear probing; a slot without a
     * port is free. Locked as a whole: the switch's own thread learns and looks up, the event
     * thread forgets ports, and the lock is almost never contended.
     */
    private static final class DeviceTable {
        private static final int INITIAL_SLOTS = 64;

        private final int max;
        private long[] macs = new long[INITIAL_SLOTS];
        private PortNumber[] ports = new PortNumber[INITIAL_SLOTS];
        private int size;

        DeviceTable(int max) {
            this.max = max;
        }

        synchronized boolean put(long mac, PortNumber port) {
            int slot = slot(macs, ports, mac);
            if (ports[slot] != null) {
                ports[slot] = port;
                return true;
            }
            if (size >= max) {
                return false;
            }
            macs[slot] = mac;
            ports[slot] = port;
            size++;
            if (size * 4L > macs.length * 3L) {
                rehash(macs.length * 2, null);
            }
            return true;
        }

        synchronized PortNumber get(long mac) {
            return ports[slot(macs, ports, mac)];
        }

        synchronized void removePort(PortNumber port) {
            rehash(macs.length, port);
        }

        /** Copies every entry not at {@code dropped} into tables of {@code slots} slots. */
        private void rehash(int slots, PortNumber dropped) {
            long[] oldMacs = macs;
            PortNumber[] oldPorts = ports;
            macs = new long[slots];
            ports = new PortNumber[slots];
            size = 0;
            for (int i = 0; i < oldMacs.length; i++) {
                if (oldPorts[i] != null && !oldPorts[i].equals(dropped)) {
                    int slot = slot(macs, ports, oldMacs[i]);
                    macs[slot] = oldMacs[i];
                    ports[slot] = oldPorts[i];
                    size++;
                }
            }
        }

        /** The slot holding {@code mac}, or the free slot where it would go; the table is never full. */
        private static int slot(long[] macs, PortNumber[] ports, long mac) {
            int mask = macs.length - 1;
            // Sequential MACs (a vendor's range) must not land in sequential slots: spread them.
            int slot = (int) ((mac * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            while (ports[slot] != null && macs[slot] != mac) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }
    }
}
