package oasis.risk;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;
import oasis.contracts.BaselineContract;

/**
 * A client of the existing contract, as one built from {@code proto/baseline} would be: messages
 * made and read with the baseline's descriptors, calls made on its method paths, none of our
 * generated classes involved.
 */
final class BaselineClient {
  static final BaselineContract CONTRACT = BaselineContract.load();
  static final String SIGNAL = "trading.contracts.TradingSignal";
  static final String ORDER = "trading.contracts.OrderRequest";

  private final Channel channel;

  BaselineClient(Channel channel) {
    this.channel = channel;
  }

  /** A TradingSignal of the existing contract; {@code mode} null leaves the field out. */
  static DynamicMessage signal(String strategy, String side, String mode, long seconds) {
    DynamicMessage.Builder b = CONTRACT.builder(SIGNAL);
    set(b, "strategy_id", strategy);
    set(b, "symbol", "BTC-USD");
    set(b, "side", side);
    set(b, "confidence", 0.9);
    var stamp = b.getDescriptorForType().findFieldByName("signal_timestamp").getMessageType();
    set(
        b,
        "signal_timestamp",
        DynamicMessage.newBuilder(stamp)
            .setField(stamp.findFieldByName("seconds"), seconds)
            .build());
    mode(b, mode);
    return b.build();
  }

  /** An OrderRequest of the existing contract; {@code mode} null leaves the field out. */
  static DynamicMessage order(String clientOrderId, String side, String mode) {
    DynamicMessage.Builder b = CONTRACT.builder(ORDER);
    set(b, "client_order_id", clientOrderId);
    set(b, "symbol", "BTC-USD");
    set(b, "side", side);
    set(b, "order_type", "MARKET");
    set(b, "quantity", "0.01");
    set(b, "strategy_id", "old-client");
    mode(b, mode);
    return b.build();
  }

  DynamicMessage validateSignal(DynamicMessage signal) {
    return call("trading.contracts.RiskValidator", "ValidateSignal", signal);
  }

  DynamicMessage executeOrder(DynamicMessage order) {
    return call("trading.contracts.OrderExecutor", "ExecuteOrder", order);
  }

  /** A field of a message read with the baseline's descriptor (enum values by name). */
  static Object get(DynamicMessage m, String field) {
    Object value = m.getField(m.getDescriptorForType().findFieldByName(field));
    return value instanceof com.google.protobuf.Descriptors.EnumValueDescriptor e
        ? e.getName()
        : value;
  }

  private DynamicMessage call(String service, String method, DynamicMessage request) {
    var rpc = CONTRACT.method(service, method);
    MethodDescriptor<DynamicMessage, DynamicMessage> descriptor =
        MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
            .setRequestMarshaller(
                ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(rpc.getInputType())))
            .setResponseMarshaller(
                ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(rpc.getOutputType())))
            .build();
    return ClientCalls.blockingUnaryCall(
        channel, descriptor, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
  }

  private static void mode(DynamicMessage.Builder b, String mode) {
    if (mode != null) {
      var field = b.getDescriptorForType().findFieldByName("mode");
      b.setField(field, field.getEnumType().findValueByName(mode));
    }
  }

  private static void set(DynamicMessage.Builder b, String field, Object value) {
    b.setField(b.getDescriptorForType().findFieldByName(field), value);
  }
}
