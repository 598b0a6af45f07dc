package io.weft.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the controller keeps in its data directory (the admin token, the LLDP signing key):
 * read from its file when the file exists, otherwise generated from {@link SecureRandom} and
 * written as hex, so it survives restarts.
 *
 * <p>The file is created with owner-only permissions (0600) in the same system call that creates
 * it, so it is never readable by others, not even for a moment; and it is never replaced, so two
 * processes racing on one data directory end up with the same secret. A file that group or others
 * may read, or that is not a regular file (a symlink planted in the data directory, say), is
 * refused: the secret in it must be assumed known.
 */
public final class SecretFile {
    private static final Logger log = LoggerFactory.getLogger(SecretFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_BITS = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private SecretFile() {
    }

    /**
     * The secret in {@code file} as lower-case hex ({@code 2 * bytes} digits), generating and
     * writing it first if the file does not exist.
     *
     * @throws ConfigException when the file exists but others may read it, is not a regular file,
     *                         or does not hold a secret of the expected length
     */
    public static String readOrCreate(Path file, int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("a secret needs at least 16 bytes, was " + bytes);
        }
        try {
            return create(file, bytes);
        } catch (FileAlreadyExistsException e) {
            return read(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String create(Path file, int bytes) throws IOException {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // CREATE_NEW is O_EXCL: it fails on an existing file and on a symlink alike, never following one.
        boolean posix = posix(file);
        if (!posix) {
            log.warn("{}: the file system has no POSIX permissions; restrict access to the data directory", file);
        }
        try (FileChannel channel = posix ? FileChannel.open(file, options, ownerOnly())
                : FileChannel.open(file, options)) {
            channel.write(ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        return secret;
    }

    private static String read(Path file, int bytes) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new ConfigException(file + " is not a regular file; remove it and start again to generate"
                        + " a new secret");
            }
            if (posix(file)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                if (!OWNER_BITS.containsAll(permissions)) {
                    throw new ConfigException(file + " can be read by other users ("
                            + PosixFilePermissions.toString(permissions) + "); treat the secret in it as known: remove"
                            + " the file to have a new one generated, or chmod 600 it if no one else could read it");
                }
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.length() != 2 * bytes || !HEX.matcher(secret).matches()) {
                throw new ConfigException(file + " does not hold a secret of " + bytes + " bytes in hex (it is "
                        + secret.length() + " characters); remove it to have a new one generated");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean posix(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return Files.getFileStore(dir).supportsFileAttributeView("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
