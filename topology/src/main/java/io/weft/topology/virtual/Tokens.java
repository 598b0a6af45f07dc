package io.weft.topology.virtual;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tenants' bearer tokens: 32 random bytes, URL-safe base64 (43 characters). Only the SHA-256
 * hash of a token is kept. A plain, unsalted hash is enough here because the tokens are not
 * passwords: with 256 bits of entropy there is nothing to guess or look up in a table, so a
 * slow or salted hash would add cost and no protection, and an unsalted one lets a presented
 * token be found by its hash in one map lookup.
 */
final class Tokens {
    static final int BYTES = 32;

    private Tokens() {
    }

    static String generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex of the SHA-256 of the token's UTF-8 bytes: printable, so it can be a store key. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
