package io.weft.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.bench.fabric.Fabrics;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.rest.InProcessWeft;
import io.weft.metrics.Counters;
import io.weft.topology.virtual.TenantId;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** The api mode's loads against Weft in this process: reads of a populated fabric, then network creation. */
@Timeout(120)
class ApiAgainstWeftTest {
    private final Counters counters = new Counters();
    private final ClosedLoop loop = new ClosedLoop(counters, Progress.NONE, Optional.empty());

    @Test
    void theReadsOfAPopulatedFabricAreAnsweredOverBothProtocolsAlike(@TempDir Path dir)
            throws InterruptedException, IOException {
        try (InProcessWeft weft = new InProcessWeft(dir.resolve("data"));
             PopulatedFabric fabric = PopulatedFabric.connect(weft.controller(), Fabrics.ring(4), OFVersion.OF_13, 3,
                     Duration.ofSeconds(60), Progress.NONE, counters)) {
            assertThat(fabric.hosts()).isEqualTo(3);
            ClosedLoop.Rounds rounds = ClosedLoop.Rounds.timed(1, 2, Duration.ofMillis(200));
            ClosedLoop.Result rest;
            ClosedLoop.Result grpc;
            try (RestLoad restLinks = RestLoad.read(weft.api(), InProcessWeft.TOKEN, Read.LINKS);
                 GrpcLoad grpcLinks = GrpcLoad.read(grpcTarget(weft), InProcessWeft.TOKEN, Read.LINKS)) {
                rest = loop.run(restLinks, 2, rounds);
                grpc = loop.run(grpcLinks, 2, rounds);
            }
            for (ClosedLoop.Result r : new ClosedLoop.Result[] {rest, grpc}) {
                assertThat(r.rates()).as(r.operation()).hasSize(2).allMatch(rate -> rate > 0);
                assertThat(r.problems()).as(r.operation()).isEmpty();
                assertThat(r.answerBytes()).as(r.operation()).isPositive();
                assertThat(r.p99Micros()).as(r.operation()).isGreaterThanOrEqualTo(r.p50Micros());
            }
            assertThat(weft.controller().rest().count("/api/v1/links", "links")).isEqualTo(8);
        }
    }

    @Test
    void networksAreCreatedOverBothProtocolsAndTheirTenantsAreGoneAfter(@TempDir Path dir)
            throws InterruptedException {
        try (InProcessWeft weft = new InProcessWeft(dir.resolve("data"))) {
            ClosedLoop.Rounds rounds = ClosedLoop.Rounds.counted(1, 1, 30);
            RoundTenants restTenants = RoundTenants.fresh(Protocol.REST);
            RoundTenants grpcTenants = RoundTenants.fresh(Protocol.GRPC);
            ClosedLoop.Result rest;
            ClosedLoop.Result grpc;
            try (RestLoad restCreation = RestLoad.networkCreation(weft.api(), InProcessWeft.TOKEN, restTenants);
                 GrpcLoad grpcCreation = GrpcLoad.networkCreation(grpcTarget(weft), InProcessWeft.TOKEN,
                         grpcTenants)) {
                rest = loop.run(restCreation, 3, rounds);
                grpc = loop.run(grpcCreation, 3, rounds);
            }
            for (ClosedLoop.Result r : new ClosedLoop.Result[] {rest, grpc}) {
                assertThat(r.succeeded()).as(r.operation()).isEqualTo(30);
                assertThat(r.problems()).as(r.operation()).isEmpty();
                assertThat(r.rates()).as(r.operation()).singleElement().matches(rate -> rate > 0);
            }
            // 2 tenants per protocol, each made and deleted, and 30 networks per tenant: one change each.
            assertThat(weft.weft().counters().get("virtual.changes")).isEqualTo(2 * (2 + 2 + 60));
            for (RoundTenants tenants : new RoundTenants[] {restTenants, grpcTenants}) {
                assertThat(weft.weft().virtualNetworks().tenant(new TenantId(tenants.tenant(0)))).isEmpty();
                assertThat(weft.weft().virtualNetworks().tenant(new TenantId(tenants.tenant(1)))).isEmpty();
            }
        }
    }

    @Test
    void aSecondNetworkOfTheSameNameIsRefusedOverEitherProtocolNotCreated(@TempDir Path dir)
            throws InterruptedException {
        try (InProcessWeft weft = new InProcessWeft(dir.resolve("data"));
             RestLoad rest = RestLoad.networkCreation(weft.api(), InProcessWeft.TOKEN, new RoundTenants("bench-r"));
             GrpcLoad grpc = GrpcLoad.networkCreation(grpcTarget(weft), InProcessWeft.TOKEN,
                     new RoundTenants("bench-g"))) {
            for (Load load : new Load[] {rest, grpc}) {
                Load.Client client = load.client();
                load.beforeRound(0);
                assertThat(client.send(0, 7).succeeded()).as(load.operation()).isTrue();
                Load.Answer again = client.send(0, 7);
                assertThat(again.succeeded()).as(load.operation()).isFalse();
                assertThat(again.problem()).isEqualTo(load == rest ? "refused.409" : "refused.already_exists");
                assertThat(again.detail()).contains("n7");
                load.afterRound(0);
            }
        }
    }

    private static String grpcTarget(InProcessWeft weft) {
        URI api = weft.api();
        return api.getHost() + ":" + weft.weft().grpcAddress().getPort();
    }
}
