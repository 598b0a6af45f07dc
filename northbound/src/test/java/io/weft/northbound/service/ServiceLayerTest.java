package io.weft.northbound.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.MoreExecutors;
import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.event.EventDispatcher;
import io.weft.topology.link.ConnectPoint;
import io.weft.topology.virtual.LinkRealization;
import io.weft.topology.virtual.NetworkId;
import io.weft.topology.virtual.TenantId;
import io.weft.topology.virtual.TestTenants;
import io.weft.topology.virtual.VirtualNetwork;
import io.weft.topology.virtual.VirtualPort;
import io.weft.topology.virtual.VirtualPortId;
import java.util.Optional;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * The service layer without either face: who may do what, in which order the refusals come,
 * what kind each is, and what a tenant sees of the fabric (nothing).
 */
class ServiceLayerTest {
    private static final TenantId BLUE = new TenantId("blue");
    private static final TenantId RED = new TenantId("red");
    private static final ConnectPoint S1P1 = new ConnectPoint(DeviceIds.fromDatapathId(1), PortNumber.portNumber(1));

    private final Counters counters = new Counters();
    private final TestTenants tenants = new TestTenants(new EventDispatcher(new KeyedSerialExecutor("events",
            MoreExecutors.newDirectExecutorService(), 10_000, counters), counters), counters);
    private final Access access = new Access(tenants.manager);
    private final Views views = new Views(tenants.manager, link -> LinkRealization.UNKNOWN);
    private final TenantService tenantService = new TenantService(tenants.manager, tenants.admin, access, views);
    private final NetworkService networks = new NetworkService(tenants.manager, tenants.admin, access, views);
    private final Principal blue = new Principal.OfTenant(BLUE);

    @AfterEach
    void close() {
        tenants.close();
    }

    private static ServiceException refused(ServiceException.Kind kind, ThrowingCallable call) {
        ServiceException e = catchThrowableOfType(ServiceException.class, call);
        assertThat(e).as("refused as %s", kind).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }

    /** A request no one may read: the refusal must come before it is. */
    private static <T> Supplier<T> unread() {
        return () -> {
            throw new AssertionError("the request was read, though the caller may not make it");
        };
    }

    @Test
    void aRequestIsReadOnlyOnceTheCallerMayMakeIt() {
        tenants.admin.createTenant(BLUE);
        tenants.admin.createTenant(RED);
        refused(ServiceException.Kind.FORBIDDEN, () -> tenantService.createAttachment(blue, BLUE, unread()));
        refused(ServiceException.Kind.FORBIDDEN, () -> tenantService.createTenant(blue, unread()));
        assertThat(refused(ServiceException.Kind.NOT_FOUND, () -> networks.createNetwork(blue, RED, unread()))
                .getMessage()).isEqualTo("no tenant red");
        assertThat(refused(ServiceException.Kind.NOT_FOUND, () -> tenantService.issueToken(blue, RED, unread()))
                .getMessage()).isEqualTo("no tenant red");
        refused(ServiceException.Kind.NOT_FOUND, () -> networks.addSwitch(blue, new NetworkId(BLUE, "none"),
                unread()));
    }

    @Test
    void theAdminServicesRefusalsKeepTheirKind() {
        tenants.admin.createTenant(BLUE);
        assertThat(refused(ServiceException.Kind.ALREADY_EXISTS, () -> tenantService.createTenant(Principal.ADMIN,
                () -> BLUE)).getMessage()).isEqualTo("tenant blue exists");
        for (int held = 1; held < 16; held++) {
            tenantService.issueToken(blue, BLUE, () -> false);
        }
        refused(ServiceException.Kind.EXHAUSTED, () -> tenantService.issueToken(blue, BLUE, () -> false));
        String att = tenantService.createAttachment(Principal.ADMIN, BLUE, () -> new AttachmentRequest(S1P1,
                Optional.empty())).id();
        NetworkId web = new NetworkId(BLUE, "web");
        networks.createNetwork(blue, BLUE, () -> new NetworkRequest("web", VirtualNetwork.Kind.BIG_SWITCH));
        networks.addBigSwitchPort(blue, web, () -> Optional.of(att));
        refused(ServiceException.Kind.CONFLICT, () -> tenantService.deleteAttachment(Principal.ADMIN, BLUE, att));
        refused(ServiceException.Kind.INVALID, () -> networks.addBigSwitchPort(blue, web, Optional::empty));
    }

    @Test
    void aTenantSeesNoPhysicalIdWhereTheAdminSeesTheMapping() {
        tenants.admin.createTenant(BLUE);
        String att = tenantService.createAttachment(Principal.ADMIN, BLUE, () -> new AttachmentRequest(S1P1,
                Optional.of(VlanId.vlanId((short) 10)))).id();
        NetworkId web = new NetworkId(BLUE, "web");
        networks.createNetwork(blue, BLUE, () -> new NetworkRequest("web", VirtualNetwork.Kind.BIG_SWITCH));
        networks.addBigSwitchPort(blue, web, () -> Optional.of(att));

        AttachmentView mine = tenantService.attachment(blue, BLUE, att);
        assertThat(mine.point()).isEmpty();
        assertThat(mine.vlan()).contains(VlanId.vlanId((short) 10));
        assertThat(mine.boundTo()).contains(new BoundPort("web", new VirtualPortId(VirtualPort.BIG_SWITCH, 1)));
        assertThat(tenantService.attachment(Principal.ADMIN, BLUE, att).point()).contains(S1P1);
        assertThat(networks.network(blue, web).tag()).isEmpty();
        assertThat(networks.network(Principal.ADMIN, web).tag()).isPresent();
        assertThat(networks.bigSwitchPort(blue, web, 1).physical()).isEmpty();
        assertThat(networks.bigSwitchPort(Principal.ADMIN, web, 1).physical())
                .contains(new PhysicalPort(S1P1, Optional.of(VlanId.vlanId((short) 10))));
    }

    @Test
    void theAuthenticatorKnowsTheAdminAndEachTenantByTheirTokens() {
        String token = tenants.admin.createTenant(BLUE).token();
        Authenticator authenticator = new Authenticator("admin-token-0123456789", tenants.manager);
        assertThat(authenticator.principal("Bearer admin-token-0123456789")).isEqualTo(Principal.ADMIN);
        assertThat(authenticator.principal("bearer " + token)).isEqualTo(blue);
        for (String wrong : new String[] {null, "Basic admin-token-0123456789", "Bearer ", "Bearer x" + token}) {
            refused(ServiceException.Kind.UNAUTHENTICATED, () -> authenticator.principal(wrong));
        }
    }

    @Test
    void fieldsAreRefusedInOneWording() {
        assertThat(refused(ServiceException.Kind.INVALID, () -> Fields.required("id", "", Ids::tenant)).getMessage())
                .isEqualTo("field 'id' is required");
        assertThat(refused(ServiceException.Kind.INVALID, () -> Fields.required("id", "Blue", Ids::tenant))
                .getMessage()).startsWith("field 'id': malformed tenant id 'Blue'");
        assertThat(refused(ServiceException.Kind.INVALID, () -> Ids.VLAN.check("vlan", 4095)).getMessage())
                .isEqualTo("field 'vlan' must be within 1..4094, was '4095'");
        assertThat(Ids.physicalPort("port", 0xffffff00L)).isEqualTo(PortNumber.portNumber(0xffffff00L));
        assertThat(refused(ServiceException.Kind.INVALID, () -> Ids.device("of:" + "0".repeat(500))).getMessage())
                .hasSizeLessThan(200);
    }
}
