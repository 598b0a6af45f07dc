package io.weft.southbound.openflow;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Picks the OpenFlow version of a connection from the two HELLOs (OpenFlow 1.3.x section
 * 6.3.1): with version bitmaps on both sides the highest version in both; otherwise the
 * lower of the two header versions, if we speak it.
 */
final class VersionNegotiation {
    static final List<OFVersion> SUPPORTED = List.of(OFVersion.OF_10, OFVersion.OF_13, OFVersion.OF_14,
            OFVersion.OF_15);

    private VersionNegotiation() {
    }

    static OFVersion highest(Set<OFVersion> ours) {
        return ours.stream().max(Enum::compareTo).orElseThrow();
    }

    static Optional<OFVersion> negotiate(Set<OFVersion> ours, HelloMessage theirs) {
        if (theirs.versionBitmap().isPresent()) {
            BitSet common = theirs.versionBitmap().get();
            return ours.stream().filter(v -> common.get(v.getWireVersion())).max(Enum::compareTo);
        }
        int wire = Math.min(theirs.version(), highest(ours).getWireVersion());
        return ours.stream().filter(v -> v.getWireVersion() == wire).findFirst();
    }
}
