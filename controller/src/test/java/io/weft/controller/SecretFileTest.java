package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    @Test
    void generatesHexOwnerOnlyAndReusesIt() throws IOException {
        Path file = dir.resolve("admin-token");
        String first = SecretFile.readOrCreate(file, 32);
        assertThat(first).hasSize(64).matches("[0-9a-f]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo(first + "\n");
        assertThat(SecretFile.readOrCreate(file, 32)).isEqualTo(first);
        assertThat(SecretFile.readOrCreate(dir.resolve("other"), 32)).isNotEqualTo(first);
    }

    /** Even a umask that would leave the file readable cannot: the mode is set at creation and only narrowed. */
    @Test
    void isOwnerOnlyWhateverTheDirectoryAllows() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = dir.resolve("lldp-secret");
        SecretFile.readOrCreate(file, 16);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesAFileOthersCanRead() throws IOException {
        Path file = dir.resolve("admin-token");
        String secret = SecretFile.readOrCreate(file, 32);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretFile.readOrCreate(file, 32)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("can be read by other users (rw-r--r--)")
                .hasMessageNotContaining(secret);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(SecretFile.readOrCreate(file, 32)).isEqualTo(secret);
    }

    @Test
    void refusesASymlinkAndNeverWritesThroughIt() throws IOException {
        Path target = dir.resolve("elsewhere");
        Path link = Files.createSymbolicLink(dir.resolve("admin-token"), target);
        assertThatThrownBy(() -> SecretFile.readOrCreate(link, 32)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a regular file");
        assertThat(target).doesNotExist();
    }

    @Test
    void refusesAFileThatHoldsNoSecret() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        assertThatThrownBy(() -> SecretFile.readOrCreate(empty, 32)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not hold a secret of 32 bytes");
        Path shortOne = Files.writeString(dir.resolve("short"), "abcd\n");
        Files.setPosixFilePermissions(shortOne, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> SecretFile.readOrCreate(shortOne, 32)).isInstanceOf(ConfigException.class);
    }

    @Test
    void tooShortASecretIsAProgrammingError() {
        assertThatThrownBy(() -> SecretFile.readOrCreate(dir.resolve("x"), 8))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
