package io.weft.lab;

/** The OpenFlow versions a lab switch may be limited to, by their Open vSwitch names. */
public enum OpenFlowVersion {
    OF_10("OpenFlow10"),
    OF_13("OpenFlow13"),
    OF_14("OpenFlow14"),
    OF_15("OpenFlow15");

    private final String ovsName;

    OpenFlowVersion(String ovsName) {
        this.ovsName = ovsName;
    }

    /** The name ovs-vsctl ({@code protocols=}) and ovs-ofctl ({@code -O}) take. */
    public String ovsName() {
        return ovsName;
    }

    @Override
    public String toString() {
        return ovsName;
    }
}
