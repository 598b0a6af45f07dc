package io.weft.southbound.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProbeSignerTest {
    private static final Probe PROBE = new Probe(1, 2, LldpProbeTest.TIMESTAMP);

    @Test
    void signsDatapathPortAndTimestampWithHmacSha256() {
        // Computed with Python: hmac.new(secret, bytes.fromhex("0000000000000001000000020000018bcfe56800"), sha256).
        assertThat(HexFormat.of().formatHex(PROBE.signedBytes())).isEqualTo("0000000000000001000000020000018bcfe56800");
        assertThat(HexFormat.of().formatHex(LldpProbeTest.SIGNER.sign(PROBE).signature()))
                .isEqualTo("339fac49aba0aa964c074b942f5dc2b3d4d51056a358e602c11fa8deadb80d89");
    }

    @Test
    void verifiesItsOwnSignature() {
        assertThat(LldpProbeTest.SIGNER.verify(LldpProbeTest.SIGNER.sign(PROBE))).isTrue();
    }

    @Test
    void refusesAnotherKeysSignature() {
        ProbeSigner other = new ProbeSigner("some other controller's secret".getBytes(StandardCharsets.US_ASCII));
        assertThat(LldpProbeTest.SIGNER.verify(other.sign(PROBE))).isFalse();
    }

    @Test
    void refusesASignatureWithOneBitFlipped() {
        byte[] signature = LldpProbeTest.SIGNER.sign(PROBE).signature();
        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(LldpProbeTest.SIGNER.verify(new SignedProbe(PROBE, flipped))).as("bit %d", bit).isFalse();
        }
    }

    @Test
    void refusesASignatureMovedToAnotherProbe() {
        byte[] signature = LldpProbeTest.SIGNER.sign(PROBE).signature();
        for (Probe other : new Probe[] {new Probe(2, 2, PROBE.timestampMillis()), new Probe(1, 3, PROBE.timestampMillis()),
                new Probe(1, 2, PROBE.timestampMillis() + 1)}) {
            assertThat(LldpProbeTest.SIGNER.verify(new SignedProbe(other, signature))).as("%s", other).isFalse();
        }
    }

    @Test
    void refusesSignaturesOfTheWrongLength() {
        byte[] signature = LldpProbeTest.SIGNER.sign(PROBE).signature();
        assertThat(LldpProbeTest.SIGNER.verify(new SignedProbe(PROBE, java.util.Arrays.copyOf(signature, 31)))).isFalse();
        assertThat(LldpProbeTest.SIGNER.verify(new SignedProbe(PROBE, new byte[0]))).isFalse();
    }

    @Test
    void refusesShortSecretsAndCopiesTheKey() {
        assertThatThrownBy(() -> new ProbeSigner(new byte[15])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16");
        byte[] secret = LldpProbeTest.SECRET.clone();
        ProbeSigner signer = new ProbeSigner(secret);
        secret[0] ^= 1;
        assertThat(LldpProbeTest.SIGNER.verify(signer.sign(PROBE))).isTrue();
    }

    @Test
    void probePortsAreUnsigned32Bits() {
        assertThatThrownBy(() -> new Probe(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Probe(1, 0x1_0000_0000L, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Probe(1, 0xffff_ffffL, 0).signedBytes()).hasSize(20);
    }
}
