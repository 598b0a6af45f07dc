package io.weft.northbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
    private static final String TOKEN = "s3cret-s3cret-s3cret";

    @Test
    void defaultsListenOnEveryAddressAt8181WithNoToken() {
        assertThat(ApiConfig.DEFAULTS.address()).isEqualTo("0.0.0.0");
        assertThat(ApiConfig.DEFAULTS.port()).isEqualTo(8181);
        assertThat(ApiConfig.DEFAULTS.adminToken()).isEmpty();
    }

    @Test
    void neverPrintsTheToken() {
        ApiConfig config = ApiConfig.DEFAULTS.withAdminToken(TOKEN);
        assertThat(config.toString()).doesNotContain(TOKEN).contains("(set)");
        assertThat(config.adminToken()).hasValue(TOKEN);
    }

    @Test
    void refusesWeakOrUnsendableTokensWithoutRepeatingThem() {
        assertThatThrownBy(() -> ApiConfig.DEFAULTS.withAdminToken("short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16")
                .hasMessageNotContaining("short,");
        assertThatThrownBy(() -> ApiConfig.DEFAULTS.withAdminToken("has a space in it, long enough"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without spaces")
                .hasMessageNotContaining("has a space");
        assertThatThrownBy(() -> ApiConfig.DEFAULTS.withAdminToken("caf\u00e9-caf\u00e9-caf\u00e9-caf\u00e9"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBadAddressesAndPorts() {
        assertThatThrownBy(() -> ApiConfig.DEFAULTS.withPort(65536)).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> ApiConfig.DEFAULTS.withPort(-1)).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> new ApiConfig(" ", 80, Optional.empty())).hasMessageContaining("address");
        assertThat(ApiConfig.DEFAULTS.withPort(0).port()).isZero();
    }
}
