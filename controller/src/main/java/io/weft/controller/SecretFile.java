package io.weft.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * A secret the controller makes for itself and keeps in its data directory (the admin token,
 * the discovery signing key): generated once from {@link SecureRandom}, written to a file only
 * its owner can read, created with those permissions rather than narrowed afterwards, and read
 * back on later starts so the secret survives restarts.
 */
final class SecretFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    /** The secret in {@code file}; when there is none, {@code bytes} random bytes as hex, written there first. */
    static String readOrCreate(Path file, int bytes) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[bytes];
                RANDOM.nextBytes(secret);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // Another start made it first; use theirs.
                }
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.isEmpty()) {
                throw new ConfigException("secret file " + file + " is empty; delete it to have a new one made");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new ConfigException("secret file " + file + " is readable by others ("
                        + PosixFilePermissions.toString(permissions) + "); make it chmod 600");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create secret file " + file, e);
        }
    }
}
