package io.weft.topology.virtual;


/** A port of a virtual switch: the switch's name and the port's number on it (from 1). */
public record VirtualPortId(String virtualSwitch, int port) {
    public VirtualPortId {
        Names.check("a virtual switch id", virtualSwitch);
        if (port < 1 || port > 65_279) {
            throw new IllegalArgumentException("a virtual port number must be within 1..65279, got " + port);
        }
    }

    @Override
    public String toString() {
        return virtualSwitch + ":" + port;
    }
}
