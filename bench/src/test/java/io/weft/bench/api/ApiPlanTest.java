package io.weft.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.topology.virtual.VirtualNetworkConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The api mode's options, as picocli reads them, turned into a checked plan. */
class ApiPlanTest {
    private static ApiPlan plan(String... args) {
        ApiCommand command = new ApiCommand();
        new CommandLine(command).parseArgs(args);
        return command.plan();
    }

    @Test
    void byDefaultEveryReadAndCreationIsMeasuredOverBothProtocols() {
        ApiPlan plan = plan();
        assertThat(plan.protocols()).containsExactly(Protocol.REST, Protocol.GRPC);
        assertThat(plan.reads()).containsExactly(Read.DEVICES, Read.LINKS, Read.HOSTS);
        assertThat(plan.creations()).isEqualTo(500);
        assertThat(plan.clients()).isEqualTo(8);
        assertThat(plan.readRounds()).isEqualTo(ClosedLoop.Rounds.timed(1, 5, Duration.ofSeconds(2)));
        assertThat(plan.creationRounds()).contains(ClosedLoop.Rounds.counted(1, 5, 500));
    }

    @Test
    void protocolsReadsAndCreationsAreChosenOnTheCommandLine() {
        ApiPlan plan = plan("--protocols", "grpc", "--reads", "hosts,links", "--creations", "40", "--clients", "3",
                "--rounds", "2", "--seconds", "0.5", "--warmup", "0");
        assertThat(plan.protocols()).containsExactly(Protocol.GRPC);
        assertThat(plan.reads()).containsExactly(Read.HOSTS, Read.LINKS);
        assertThat(plan.readRounds()).isEqualTo(ClosedLoop.Rounds.timed(0, 2, Duration.ofMillis(500)));
        assertThat(plan.creationRounds()).contains(ClosedLoop.Rounds.counted(0, 2, 40));
        assertThat(plan.clients()).isEqualTo(3);
    }

    @Test
    void readsOrCreationCanBeLeftOutButNotBoth() {
        assertThat(plan("--reads", "none").reads()).isEmpty();
        assertThat(plan("--creations", "0").creationRounds()).isEqualTo(Optional.empty());
        assertThat(plan("--protocols", "rest,grpc,rest").protocols()).containsExactly(Protocol.REST, Protocol.GRPC);
        assertThatThrownBy(() -> plan("--reads", "none", "--creations", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to measure");
    }

    @Test
    void unknownNamesAndImpossibleCountsAreRefused() {
        assertThatThrownBy(() -> plan("--protocols", "rest,soap")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'soap'");
        assertThatThrownBy(() -> plan("--reads", "paths")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'paths'");
        assertThatThrownBy(() -> plan("--creations", "4095")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..4094");
        assertThatThrownBy(() -> plan("--clients", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan("--seconds", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan("--rounds", "0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoundCreatesAtMostAsManyNetworksAsWeftHasFabricTags() {
        VirtualNetworkConfig weft = VirtualNetworkConfig.DEFAULTS;
        assertThat(ApiPlan.MAX_CREATIONS).isEqualTo(weft.lastTag() - weft.firstTag() + 1).isEqualTo(4094);
        assertThat(plan("--creations", "4094").creations()).isEqualTo(4094);
    }
}
