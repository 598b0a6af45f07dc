package io.weft.bench.ofswitch;

import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Who an emulated switch is: its place in the fleet, datapath id, OpenFlow version and the
 * number of ports it reports (numbered 1..ports, all up).
 */
public record SwitchProfile(int index, long datapathId, OFVersion version, int ports) {
    public static final Set<OFVersion> VERSIONS = Set.of(OFVersion.OF_10, OFVersion.OF_13);

    public SwitchProfile {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("the emulated switch speaks OpenFlow 1.0 and 1.3, not " + version);
        }
        if (ports < 1 || ports > 0xff00 - 1) {
            throw new IllegalArgumentException("ports must be within 1..65279, was " + ports);
        }
        if (index < 0 || index > 0xffff) {
            throw new IllegalArgumentException("index must be within 0..65535, was " + index);
        }
    }

    /** Switch {@code index} of a fleet: datapath id index + 1, so no switch has datapath id 0. */
    public static SwitchProfile of(int index, OFVersion version, int ports) {
        return new SwitchProfile(index, index + 1L, version, ports);
    }

    public String name() {
        return "s" + (index + 1);
    }
}
