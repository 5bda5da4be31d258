package oasis.preflight.checks;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oasis.preflight.CheckContext;
import oasis.preflight.Finding;

/**
 * Field-level comparison of a new descriptor set against a baseline (a release's, or the existing
 * contract's), like buf breaking. Every finding names the baseline it breaks.
 */
final class ContractCompatibility {
  private final CheckContext context;
  private final Map<String, FileDescriptorProto> now = new LinkedHashMap<>();
  private final Map<String, FileDescriptorProto> then = new LinkedHashMap<>();
  private final Map<String, Located<DescriptorProto>> messages = new HashMap<>();
  private final Map<String, Located<EnumDescriptorProto>> enums = new HashMap<>();
  private final Map<String, Located<ServiceDescriptorProto>> services = new HashMap<>();
  private final String sources;
  private final String baseline;
  private final List<Finding> findings;

  record Located<T>(T value, FileDescriptorProto file, List<Integer> path) {}

  /**
   * Compares {@code current} (built from {@code sources}) with {@code baselineSet}, adding one
   * finding per break to {@code findings}; {@code baseline} names the baseline in each message.
   */
  ContractCompatibility(
      CheckContext context,
      FileDescriptorSet current,
      FileDescriptorSet baselineSet,
      String baseline,
      String sources,
      List<Finding> findings) {
    this.context = context;
    this.sources = sources;
    this.baseline = baseline;
    this.findings = findings;
    current.getFileList().forEach(f -> now.put(f.getName(), f));
    baselineSet.getFileList().forEach(f -> then.put(f.getName(), f));
    for (FileDescriptorProto f : current.getFileList()) {
      String prefix = f.getPackage().isEmpty() ? "" : f.getPackage() + ".";
      for (int i = 0; i < f.getMessageTypeCount(); i++) {
        index(f, prefix, f.getMessageType(i), List.of(4, i));
      }
      for (int i = 0; i < f.getEnumTypeCount(); i++) {
        enums.put(
            prefix + f.getEnumType(i).getName(), new Located<>(f.getEnumType(i), f, List.of(5, i)));
      }
      for (int i = 0; i < f.getServiceCount(); i++) {
        services.put(
            prefix + f.getService(i).getName(), new Located<>(f.getService(i), f, List.of(6, i)));
      }
    }
  }

  private void index(FileDescriptorProto f, String prefix, DescriptorProto m, List<Integer> path) {
    String name = prefix + m.getName();
    messages.put(name, new Located<>(m, f, path));
    for (int i = 0; i < m.getNestedTypeCount(); i++) {
      index(f, name + ".", m.getNestedType(i), append(path, 3, i));
    }
    for (int i = 0; i < m.getEnumTypeCount(); i++) {
      enums.put(
          name + "." + m.getEnumType(i).getName(),
          new Located<>(m.getEnumType(i), f, append(path, 4, i)));
    }
  }

  void compare() {
    for (FileDescriptorProto old : then.values()) {
      if (old.getName().startsWith("google/")) {
        continue;
      }
      FileDescriptorProto fresh = now.get(old.getName());
      if (fresh == null) {
        fail(
            null,
            List.of(),
            "file " + old.getName() + " was removed (or moved); its types' clients break",
            "restore " + old.getName() + " (deprecate instead of delete)",
            old.getName());
        continue;
      }
      if (!fresh.getPackage().equals(old.getPackage())) {
        fail(
            fresh,
            List.of(2),
            "package renamed from "
                + old.getPackage()
                + " to "
                + fresh.getPackage()
                + ": every gRPC method path and type name changes",
            "keep 'package " + old.getPackage() + ";'",
            null);
      }
      String prefix = old.getPackage().isEmpty() ? "" : old.getPackage() + ".";
      old.getMessageTypeList().forEach(m -> message(prefix + m.getName(), m, fresh));
      old.getEnumTypeList().forEach(e -> enumType(prefix + e.getName(), e, fresh));
      old.getServiceList().forEach(s -> service(prefix + s.getName(), s, fresh));
    }
  }

  private void message(String name, DescriptorProto old, FileDescriptorProto oldFileNow) {
    Located<DescriptorProto> found = messages.get(name);
    if (found == null) {
      fail(
          oldFileNow,
          List.of(),
          "message " + name + " was removed",
          "restore it (deprecate instead of delete)",
          null);
      return;
    }
    DescriptorProto fresh = found.value();
    Map<Integer, Integer> byNumber = new HashMap<>();
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < fresh.getFieldCount(); i++) {
      byNumber.put(fresh.getField(i).getNumber(), i);
      byName.put(fresh.getField(i).getName(), i);
    }
    for (FieldDescriptorProto f : old.getFieldList()) {
      Integer at = byNumber.get(f.getNumber());
      if (at == null) {
        missingField(name, f, found, byName.get(f.getName()));
      } else {
        changedField(name, f, fresh.getField(at), found.file(), append(found.path(), 2, at));
      }
    }
    for (DescriptorProto nested : old.getNestedTypeList()) {
      if (!nested.getOptions().getMapEntry()) {
        message(name + "." + nested.getName(), nested, found.file());
      }
    }
    old.getEnumTypeList().forEach(e -> enumType(name + "." + e.getName(), e, found.file()));
  }

  /** An old field whose number is gone: renumbered when its name is still there, else removed. */
  private void missingField(
      String name, FieldDescriptorProto f, Located<DescriptorProto> found, Integer renumbered) {
    DescriptorProto fresh = found.value();
    if (renumbered != null) {
      fail(
          found.file(),
          append(found.path(), 2, renumbered),
          "field "
              + name
              + "."
              + f.getName()
              + " was renumbered from "
              + f.getNumber()
              + " to "
              + fresh.getField(renumbered).getNumber(),
          "keep number " + f.getNumber() + "; add a new field with a new number instead",
          null);
    } else if (!reserved(fresh, f.getNumber())) {
      fail(
          found.file(),
          found.path(),
          "field " + name + "." + f.getName() + " = " + f.getNumber() + " was removed",
          "restore it, or reserve it: reserved "
              + f.getNumber()
              + "; reserved \""
              + f.getName()
              + "\";",
          null);
    }
  }

  /** An old field still under its number: its name, type and cardinality must not change. */
  private void changedField(
      String name,
      FieldDescriptorProto f,
      FieldDescriptorProto g,
      FileDescriptorProto file,
      List<Integer> path) {
    if (!g.getName().equals(f.getName())) {
      fail(
          file,
          path,
          "field "
              + f.getNumber()
              + " of "
              + name
              + " was renamed from "
              + f.getName()
              + " to "
              + g.getName()
              + " (breaks JSON and generated code)",
          "keep the name " + f.getName(),
          null);
    }
    if (g.getType() != f.getType() || !g.getTypeName().equals(f.getTypeName())) {
      fail(
          file,
          path,
          "field " + name + "." + f.getName() + " changed type from " + type(f) + " to " + type(g),
          "keep " + type(f) + "; add a new field for the new type",
          null);
    }
    if (g.getLabel() != f.getLabel()) {
      fail(
          file,
          path,
          "field "
              + name
              + "."
              + f.getName()
              + " changed cardinality from "
              + f.getLabel().name().substring(6).toLowerCase()
              + " to "
              + g.getLabel().name().substring(6).toLowerCase(),
          "keep it " + f.getLabel().name().substring(6).toLowerCase(),
          null);
    }
  }

  private void enumType(String name, EnumDescriptorProto old, FileDescriptorProto near) {
    Located<EnumDescriptorProto> found = enums.get(name);
    if (found == null) {
      fail(
          near,
          List.of(),
          "enum " + name + " was removed",
          "restore it (deprecate instead of delete)",
          null);
      return;
    }
    for (EnumValueDescriptorProto v : old.getValueList()) {
      enumValue(name, v, found);
    }
  }

  /** An old enum value: its number and name must stay, or its number be reserved. */
  private void enumValue(
      String name, EnumValueDescriptorProto v, Located<EnumDescriptorProto> found) {
    EnumDescriptorProto fresh = found.value();
    int byName = -1;
    int byNumber = -1;
    for (int i = 0; i < fresh.getValueCount(); i++) {
      if (fresh.getValue(i).getName().equals(v.getName())) {
        byName = i;
      }
      if (fresh.getValue(i).getNumber() == v.getNumber() && byNumber < 0) {
        byNumber = i;
      }
    }
    if (byName >= 0 && fresh.getValue(byName).getNumber() != v.getNumber()) {
      fail(
          found.file(),
          append(found.path(), 2, byName),
          "enum value "
              + name
              + "."
              + v.getName()
              + " was renumbered from "
              + v.getNumber()
              + " to "
              + fresh.getValue(byName).getNumber()
              + ": a client sending "
              + v.getName()
              + " is read as "
              + (byNumber >= 0 ? fresh.getValue(byNumber).getName() : "an unknown value"),
          "keep " + v.getName() + " = " + v.getNumber() + "; add new values with new numbers",
          null);
    } else if (byName < 0 && byNumber >= 0) {
      fail(
          found.file(),
          append(found.path(), 2, byNumber),
          "enum value "
              + v.getNumber()
              + " of "
              + name
              + " was renamed from "
              + v.getName()
              + " to "
              + fresh.getValue(byNumber).getName()
              + " (breaks JSON and generated code)",
          "keep the name " + v.getName(),
          null);
    } else if (byName < 0) {
      boolean isReserved =
          fresh.getReservedRangeList().stream()
              .anyMatch(r -> v.getNumber() >= r.getStart() && v.getNumber() <= r.getEnd());
      if (!isReserved) {
        fail(
            found.file(),
            found.path(),
            "enum value " + name + "." + v.getName() + " = " + v.getNumber() + " was removed",
            "restore it, or reserve it: reserved " + v.getNumber() + ";",
            null);
      }
    }
  }

  private void service(String name, ServiceDescriptorProto old, FileDescriptorProto near) {
    Located<ServiceDescriptorProto> found = services.get(name);
    if (found == null) {
      fail(
          near,
          List.of(),
          "service " + name + " was removed",
          "restore it: its clients call it",
          null);
      return;
    }
    for (MethodDescriptorProto m : old.getMethodList()) {
      int at = -1;
      for (int i = 0; i < found.value().getMethodCount(); i++) {
        if (found.value().getMethod(i).getName().equals(m.getName())) {
          at = i;
        }
      }
      if (at < 0) {
        fail(
            found.file(),
            found.path(),
            "rpc " + name + "/" + m.getName() + " was removed",
            "restore it (deprecate instead of delete)",
            null);
        continue;
      }
      MethodDescriptorProto n = found.value().getMethod(at);
      if (!n.getInputType().equals(m.getInputType())
          || !n.getOutputType().equals(m.getOutputType())
          || n.getClientStreaming() != m.getClientStreaming()
          || n.getServerStreaming() != m.getServerStreaming()) {
        fail(
            found.file(),
            append(found.path(), 2, at),
            "rpc " + name + "/" + m.getName() + " changed its signature",
            "keep ("
                + m.getInputType()
                + ") returns ("
                + m.getOutputType()
                + "); add a new rpc instead",
            null);
      }
    }
  }

  private static boolean reserved(DescriptorProto m, int number) {
    return m.getReservedRangeList().stream()
        .anyMatch(r -> number >= r.getStart() && number < r.getEnd());
  }

  private static String type(FieldDescriptorProto f) {
    return f.getTypeName().isEmpty()
        ? f.getType().name().substring(5).toLowerCase()
        : f.getTypeName().substring(1);
  }

  private void fail(
      FileDescriptorProto file,
      List<Integer> path,
      String message,
      String fix,
      String removedFile) {
    String name = file == null ? removedFile : file.getName();
    Path shown = context.relative(context.dir().resolve(sources).resolve(name));
    findings.add(
        Finding.fail(
            shown,
            file == null ? 0 : line(file.getSourceCodeInfo(), path),
            message + " [baseline: " + baseline + "]",
            fix));
  }

  private static int line(SourceCodeInfo info, List<Integer> path) {
    for (SourceCodeInfo.Location l : info.getLocationList()) {
      if (l.getPathList().equals(path) && l.getSpanCount() > 0) {
        return l.getSpan(0) + 1;
      }
    }
    return 1;
  }

  private static List<Integer> append(List<Integer> path, int a, int b) {
    List<Integer> out = new ArrayList<>(path);
    out.add(a);
    out.add(b);
    return List.copyOf(out);
  }
}
