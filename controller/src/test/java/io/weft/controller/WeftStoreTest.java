package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.controller.store.EmbeddedStore;
import io.weft.topology.store.StoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller opens its durable store in the data directory at start and closes it at close. */
class WeftStoreTest {
    @TempDir
    Path dir;

    private WeftConfig localConfig() {
        return WeftConfig.DEFAULTS.withDataDir(dir.resolve("data"))
                .withOpenflow(WeftConfig.DEFAULTS.openflow().withAddress("127.0.0.1").withPort(0))
                .withApi(WeftConfig.DEFAULTS.api().withAddress("127.0.0.1").withPort(0));
    }

    @Test
    void whatIsCommittedIsThereAfterARestart() throws Exception {
        Weft weft = new Weft(localConfig()).start();
        try {
            assertThat(weft.store().putIfRevision("tenants/blue", "{\"id\":\"blue\"}", 0).succeeded()).isTrue();
            assertThat(dir.resolve("data").resolve(EmbeddedStore.FILE_NAME)).isRegularFile();
        } finally {
            weft.close();
        }
        assertThatThrownBy(() -> weft.store().get("tenants/blue")).isInstanceOf(StoreException.class);

        Weft again = new Weft(localConfig()).start();
        try {
            assertThat(again.store().get("tenants/blue")).hasValueSatisfying(e -> {
                assertThat(e.value()).isEqualTo("{\"id\":\"blue\"}");
                assertThat(e.modRevision()).isEqualTo(1);
            });
        } finally {
            again.close();
        }
    }

    @Test
    void aSecondControllerOnTheSameDataDirectoryDoesNotStart() throws Exception {
        Weft first = new Weft(localConfig()).start();
        Weft second = new Weft(localConfig());
        try {
            assertThatThrownBy(second::start).isInstanceOf(StoreException.class)
                    .hasMessageContaining(EmbeddedStore.FILE_NAME);
            assertThat(first.store().putIfRevision("still", "mine", 0).succeeded()).isTrue();
        } finally {
            second.close();
            first.close();
        }
    }
}
