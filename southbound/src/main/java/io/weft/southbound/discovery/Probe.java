package io.weft.southbound.discovery;

import io.weft.topology.device.DeviceIds;
import io.weft.topology.link.ConnectPoint;
import java.nio.ByteBuffer;
import org.onosproject.net.PortNumber;

/**
 * What a discovery probe says and signs: it left datapath {@code datapathId} through port
 * {@code port} at {@code timestampMillis} (epoch milliseconds).
 *
 * @param port an OpenFlow port number, unsigned 32 bits
 */
public record Probe(long datapathId, long port, long timestampMillis) {
    /** Length of {@link #signedBytes()}: datapath id (8), port (4), timestamp (8). */
    static final int SIGNED_LENGTH = 20;

    public Probe {
        if (port < 0 || port > 0xffff_ffffL) {
            throw new IllegalArgumentException("port must fit in 32 unsigned bits, was " + port);
        }
    }

    /** The connect point the probe was sent from. */
    public ConnectPoint source() {
        return new ConnectPoint(DeviceIds.fromDatapathId(datapathId), PortNumber.portNumber(port));
    }

    /** The bytes the signature covers: datapath id || port || timestamp, big-endian. */
    byte[] signedBytes() {
        return ByteBuffer.allocate(SIGNED_LENGTH).putLong(datapathId).putInt((int) port)
                .putLong(timestampMillis).array();
    }
}
