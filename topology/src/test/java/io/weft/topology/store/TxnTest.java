package io.weft.topology.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A transaction is refused when built if etcd would refuse it, so no implementation sees one. */
class TxnTest {
    @Test
    void putIfRevisionZeroMeansTheKeyMustBeAbsent() {
        assertThat(Txn.putIfRevision("a", "1", 0).conditions()).containsExactly(new Condition.Absent("a"));
        assertThat(Txn.putIfRevision("a", "1", 4).conditions()).containsExactly(new Condition.ModRevision("a", 4));
        assertThatThrownBy(() -> Txn.putIfRevision("a", "1", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Condition.ModRevision("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyWrittenTwiceOrWrittenAndDeletedIsRefused() {
        assertThatThrownBy(() -> Txn.builder().put("a", "1").put("a", "2").build())
                .hasMessageContaining("written twice");
        assertThatThrownBy(() -> Txn.builder().put("a", "1").delete("a").build())
                .hasMessageContaining("both written and deleted");
        assertThatThrownBy(() -> Txn.builder().deletePrefix("n/").put("n/a", "1").build())
                .hasMessageContaining("both written and deleted");
        assertThat(Txn.builder().deletePrefix("n/").put("m/a", "1").delete("n/a").build().ops()).hasSize(3);
    }

    @Test
    void sizesAreBoundedAsEtcdBoundsThem() {
        Txn.Builder manyOps = Txn.builder();
        for (int i = 0; i <= Txn.MAX_OPS; i++) {
            manyOps.delete("k" + i);
        }
        assertThatThrownBy(manyOps::build).hasMessageContaining("at most 128 conditions and 128 operations");

        Txn.Builder manyConditions = Txn.builder().put("a", "1");
        for (int i = 0; i <= Txn.MAX_CONDITIONS; i++) {
            manyConditions.ifPresent("k" + i);
        }
        assertThatThrownBy(manyConditions::build).isInstanceOf(IllegalArgumentException.class);

        String half = "\u00e9".repeat(Txn.MAX_BYTES / 4);
        assertThat(Txn.builder().put("a", half).build().ops()).hasSize(1);
        assertThatThrownBy(() -> Txn.builder().put("a", half).put("b", half).put("c", "x").build())
                .hasMessageContaining("at most 1048576 bytes");
        assertThatThrownBy(() -> Txn.builder().ifAbsent("a").build()).hasMessageContaining("at least one operation");
    }

    @Test
    void keysArePrintableAsciiAndValuesEncodableAsUtf8() {
        for (String bad : List.of("", "a b", "caf\u00e9", "tab\t", "k".repeat(Keys.MAX_KEY_LENGTH + 1))) {
            assertThatThrownBy(() -> new Op.Put(bad, "v")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Op.DeletePrefix("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Op.Put("a", "\ud800 lone")).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> new Op.Put("a", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Op.Put("tenants/blue/networks/web:1~_-.", "\ud834\udd1e").key()).startsWith("tenants/");
        assertThat(Keys.utf8Length("a\u00e9\u2615\ud834\udd1e")).isEqualTo(1 + 2 + 3 + 4);
    }
}
