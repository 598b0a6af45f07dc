package io.weft.southbound.discovery;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A probe with the signature it carries, which may or may not be right: decoding a frame
 * gives one of these, and only {@link ProbeSigner#verify} says whether to believe it.
 */
public record SignedProbe(Probe probe, byte[] signature) {
    public SignedProbe {
        Objects.requireNonNull(probe, "probe");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedProbe that && probe.equals(that.probe)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * probe.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedProbe[" + probe + ", signature=" + HexFormat.of().formatHex(signature) + "]";
    }
}
