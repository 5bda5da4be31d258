package oasis.contracts;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The existing contract ({@code proto/baseline}) as descriptors, built from the descriptor set this
 * jar ships ({@code oasis/baseline.desc}), never from our generated classes: what a client built
 * from the published contract puts on the wire, for tests and probes that must speak exactly that.
 */
public final class BaselineContract {
  /** Where the build puts the existing contract's descriptor set, on the class path. */
  public static final String RESOURCE = "/oasis/baseline.desc";

  private final Map<String, FileDescriptor> files = new HashMap<>();

  private BaselineContract(FileDescriptorSet set) {
    Map<String, FileDescriptorProto> protos = new HashMap<>();
    set.getFileList().forEach(f -> protos.put(f.getName(), f));
    for (String name : protos.keySet()) {
      build(name, protos);
    }
  }

  /** Loads the descriptor set from the class path. */
  public static BaselineContract load() {
    try (InputStream in = BaselineContract.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is not on the class path: build the proto module");
      }
      return new BaselineContract(FileDescriptorSet.parseFrom(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private FileDescriptor build(String name, Map<String, FileDescriptorProto> protos) {
    FileDescriptor done = files.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    FileDescriptor[] deps = new FileDescriptor[proto.getDependencyCount()];
    for (int i = 0; i < deps.length; i++) {
      deps[i] = build(proto.getDependency(i), protos);
    }
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, deps);
      files.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("the baseline " + name + " is not valid", e);
    }
  }

  /** A message type by full name, e.g. {@code trading.contracts.OrderRequest}. */
  public com.google.protobuf.Descriptors.Descriptor message(String fullName) {
    for (FileDescriptor f : files.values()) {
      var found = f.findMessageTypeByName(local(f, fullName));
      if (found != null && found.getFullName().equals(fullName)) {
        return found;
      }
    }
    throw new IllegalArgumentException("the existing contract has no message " + fullName);
  }

  /** An enum type by full name, e.g. {@code trading.contracts.TradingMode}. */
  public EnumDescriptor enumType(String fullName) {
    for (FileDescriptor f : files.values()) {
      var found = f.findEnumTypeByName(local(f, fullName));
      if (found != null && found.getFullName().equals(fullName)) {
        return found;
      }
    }
    throw new IllegalArgumentException("the existing contract has no enum " + fullName);
  }

  /** An RPC by service and method, e.g. {@code trading.contracts.OrderExecutor}, ExecuteOrder. */
  public MethodDescriptor method(String service, String method) {
    for (FileDescriptor f : files.values()) {
      var s = f.findServiceByName(local(f, service));
      if (s != null && s.getFullName().equals(service)) {
        var m = s.findMethodByName(method);
        if (m != null) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        "the existing contract has no rpc " + service + "/" + method);
  }

  /** A builder for a message of the existing contract. */
  public DynamicMessage.Builder builder(String fullName) {
    return DynamicMessage.newBuilder(message(fullName));
  }

  /** Parses bytes as a message of the existing contract, as an existing client would. */
  public DynamicMessage parse(String fullName, byte[] bytes) {
    try {
      return DynamicMessage.parseFrom(message(fullName), bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "not a valid " + fullName + " of the existing contract", e);
    }
  }

  private static String local(FileDescriptor f, String fullName) {
    String prefix = f.getPackage().isEmpty() ? "" : f.getPackage() + ".";
    return fullName.startsWith(prefix) ? fullName.substring(prefix.length()) : fullName;
  }
}
