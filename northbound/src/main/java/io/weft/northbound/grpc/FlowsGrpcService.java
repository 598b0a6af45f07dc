package io.weft.northbound.grpc;

import static io.weft.northbound.grpc.GrpcAuth.caller;

import io.grpc.stub.StreamObserver;
import io.weft.northbound.grpc.v1.FlowsGrpc;
import io.weft.northbound.grpc.v1.ListFlowsRequest;
import io.weft.northbound.grpc.v1.ListFlowsResponse;
import io.weft.northbound.service.FabricService;

/** {@code weft.v1.Flows} over {@link FabricService}: the flow rules Weft believes each device holds. */
final class FlowsGrpcService extends FlowsGrpc.FlowsImplBase {
    private final FabricService fabric;

    FlowsGrpcService(FabricService fabric) {
        this.fabric = fabric;
    }

    @Override
    public void listFlows(ListFlowsRequest request, StreamObserver<ListFlowsResponse> out) {
        Calls.unary(out, () -> ListFlowsResponse.newBuilder().addAllFlows(fabric.flows(caller(),
                Requests.device(request.getDevice())).stream().map(FabricProtos::flow).toList()).build());
    }
}
