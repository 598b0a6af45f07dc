package io.weft.lab;

/** An ordered pair of Mininet hosts: {@code src} pings {@code dst}. */
public record HostPair(String src, String dst) {

    @Override
    public String toString() {
        return src + "->" + dst;
    }
}
