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
    void makesAnOwnerOnlySecretOnceAndReadsItBackAfterwards() throws IOException {
        Path file = dir.resolve("lldp-secret");

        String first = SecretFile.readOrCreate(file, 32);
        String again = SecretFile.readOrCreate(file, 32);

        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(again).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretFile.readOrCreate(dir.resolve("other"), 32)).as("each file its own secret").isNotEqualTo(first);
    }

    @Test
    void refusesASecretOthersCanRead() throws IOException {
        Path file = Files.writeString(dir.resolve("admin-token"), "abc\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SecretFile.readOrCreate(file, 32)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("readable by others");
    }

    @Test
    void refusesAnEmptySecretFile() throws IOException {
        Path file = Files.createFile(dir.resolve("lldp-secret"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        assertThatThrownBy(() -> SecretFile.readOrCreate(file, 32)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is empty");
    }
}
