package io.weft.lab;

import java.util.List;

/**
 * The LLDP frames a hostile host sent after overhearing one of the controller's probes.
 *
 * @param captured the overheard probe's TLVs, "type:hex" each, for the test output
 * @param sent     each forged frame: what kind, from which host, when
 */
public record LldpForgery(String host, List<String> captured, List<Frame> sent) {

    public LldpForgery {
        captured = List.copyOf(captured);
        sent = List.copyOf(sent);
    }

    /**
     * One frame a host sent: {@code unsigned} (the probe without its organizational TLVs),
     * {@code garbled} (their last byte flipped), {@code replayed} (as overheard),
     * {@code relayed} (as overheard, from a second host), {@code *_late} (the same later).
     */
    public record Frame(String kind, String host, double at) {
        @Override
        public String toString() {
            return kind + " from " + host;
        }
    }
}
