package io.weft.bench.flowsetup;

/**
 * The emulated hosts behind one switch: {@code hosts} sources spread over ports
 * 1..ports-1, and one destination on the last port that the controller learns before the
 * run, so that every source's first packet can be answered with a flow. Addresses are
 * locally administered and unique across switches.
 */
record HostPlan(int switchIndex, int hosts, int ports) {
    static final int MAX_HOSTS = 1 << 24;
    private static final long SOURCE_OUI = 0x02L << 40;
    private static final long DESTINATION_OUI = 0x06L << 40;
    private static final int SOURCE_NET = 10 << 24;
    private static final int DESTINATION_NET = (172 << 24) | (16 << 16);

    HostPlan {
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts must be within 1.." + MAX_HOSTS + ", was " + hosts);
        }
        if (ports < 2) {
            throw new IllegalArgumentException("a switch needs at least 2 ports (sources and the destination), was "
                    + ports);
        }
    }

    long sourceMac(int host) {
        return SOURCE_OUI | ((long) switchIndex << 24) | host;
    }

    int sourcePort(int host) {
        return 1 + host % (ports - 1);
    }

    /** 10.0.0.0/8, one address per host of the whole fleet while there are enough. */
    int sourceIp(int host) {
        long n = ((long) switchIndex * hosts + host) % ((1 << 24) - 2);
        return SOURCE_NET | (int) (n + 1);
    }

    long destinationMac() {
        return DESTINATION_OUI | ((long) switchIndex << 24) | 1;
    }

    int destinationPort() {
        return ports;
    }

    int destinationIp() {
        return DESTINATION_NET | (switchIndex & 0xffff);
    }
}
