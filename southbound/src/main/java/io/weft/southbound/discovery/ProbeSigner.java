package io.weft.southbound.discovery;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs probes with HMAC-SHA256 under the controller's secret, so that a probe that comes
 * back can be told apart from one a host made up: only the controller can sign
 * (datapath id, port, timestamp), and changing any of them breaks the signature.
 */
public final class ProbeSigner {
    /** Bytes of an HMAC-SHA256. */
    public static final int SIGNATURE_LENGTH = 32;
    /** Shorter keys would be the weak point of the scheme, not the hash (RFC 2104 section 3). */
    public static final int MIN_SECRET_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret at least {@link #MIN_SECRET_LENGTH} bytes; copied */
    public ProbeSigner(byte[] secret) {
        if (secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the discovery secret must have at least " + MIN_SECRET_LENGTH
                    + " bytes, had " + secret.length);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    public SignedProbe sign(Probe probe) {
        return new SignedProbe(probe, hmac(probe));
    }

    /** True when the signature is the one this secret gives the probe; compared in constant time. */
    public boolean verify(SignedProbe signed) {
        return MessageDigest.isEqual(hmac(signed.probe()), signed.signature());
    }

    private byte[] hmac(Probe probe) {
        try {
            // A Mac is not thread-safe and probes are signed and checked on several threads;
            // a fresh one per probe costs microseconds, at most a few thousand times a second.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(probe.signedBytes());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
