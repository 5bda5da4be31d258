package oasis.service;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import oasis.ops.v1.GetInfoRequest;
import oasis.ops.v1.OpsGrpc;
import oasis.ops.v1.ServiceInfo;

/** {@code oasis.ops.v1.Ops}: tells what runs, which release, since when. */
final class OpsService extends OpsGrpc.OpsImplBase {
  private final ServiceInfo info;

  OpsService(ServiceIdentity identity) {
    this.info =
        ServiceInfo.newBuilder()
            .setComponent(identity.component())
            .setVersion(identity.version())
            .setCommit(identity.commit())
            .setStartTime(
                Timestamp.newBuilder()
                    .setSeconds(identity.startTime().getEpochSecond())
                    .setNanos(identity.startTime().getNano()))
            .setTrack(identity.track())
            .setInstanceId(identity.instanceId())
            .setHost(identity.host())
            .setPid(identity.pid())
            .build();
  }

  @Override
  public void getInfo(GetInfoRequest request, StreamObserver<ServiceInfo> response) {
    response.onNext(info);
    response.onCompleted();
  }
}
