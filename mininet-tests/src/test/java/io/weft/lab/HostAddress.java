package io.weft.lab;

/**
 * The addresses a lab test gives a Mininet host instead of the ones Mininet numbers itself,
 * so that hosts of different tenants can share them.
 *
 * @param ip     IPv4 address, without prefix
 * @param prefix its prefix length
 * @param mac    MAC address, colon separated
 */
public record HostAddress(String ip, int prefix, String mac) {

    /** On 10.0.0.0/8, as Mininet's own addresses are. */
    public static HostAddress address(String ip, String mac) {
        return new HostAddress(ip, 8, mac);
    }

    String ipWithPrefix() {
        return ip + "/" + prefix;
    }

    @Override
    public String toString() {
        return ipWithPrefix() + " " + mac;
    }
}
