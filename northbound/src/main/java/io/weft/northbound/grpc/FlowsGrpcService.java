package io.weft.northbound.grpc;

import static io.weft.northbound.grpc.GrpcAuth.caller;

import io.grpc.stub.StreamObserver;
import io.weft.northbound.grpc.v1.FlowsGrpc;
import io.weft.northbound.grpc.v1.ListFlowsRequest;
import io.weft.northbound.grpc.v1.ListFlowsResponse;
import io.weft.northbound.service.FabricService;
import io.weft.northbound.service.FlowTableView;

/** {@code weft.v1.Flows} over {@link FabricService}: the flow rules Weft believes each device holds, with what the latest poll counted for each. */
final class FlowsGrpcService extends FlowsGrpc.FlowsImplBase {
    private final FabricService fabric;

    FlowsGrpcService(FabricService fabric) {
        this.fabric = fabric;
    }

    @Override
    public void listFlows(ListFlowsRequest request, StreamObserver<ListFlowsResponse> out) {
        Calls.unary(out, () -> {
            FlowTableView table = fabric.flowTable(caller(), Requests.device(request.getDevice()));
            ListFlowsResponse.Builder response = ListFlowsResponse.newBuilder()
                    .addAllFlows(table.flows().stream().map(FabricProtos::flow).toList());
            table.polledAt().ifPresent(at -> response.setPolledAt(StatsProtos.timestamp(at)));
            return response.build();
        });
    }
}
