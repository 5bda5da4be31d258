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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import oasis.preflight.Check;
import oasis.preflight.CheckContext;
import oasis.preflight.CheckResult;
import oasis.preflight.Finding;
import oasis.preflight.Params;
import oasis.preflight.Release;

/**
 * Contracts up to date and compatible: the built descriptor set declares exactly what the {@code
 * .proto} files say, and nothing breaks wire or API compatibility against the last release's
 * descriptor set ({@code releases/contracts/vX.Y.Z.desc}) unless the release is a new major.
 */
public final class ProtobufCheck implements Check {

  public static final Set<String> PARAMETERS = Set.of("sources", "descriptorSet", "baselines");
  private static final String REBUILD = "rebuild the contracts: ./mvnw -B -q -pl proto package";

  private final String sources;
  private final String descriptorSet;
  private final String baselines;

  public ProtobufCheck(Params params) {
    this.sources = params.string("sources", "proto/src/main/protobuf");
    this.descriptorSet =
        params.string("descriptorSet", "proto/target/classes/oasis/contracts.desc");
    this.baselines = params.string("baselines", "releases/contracts");
  }

  @Override
  public CheckResult run(CheckContext context) {
    Path built = context.dir().resolve(descriptorSet);
    if (!Files.isRegularFile(built)) {
      return CheckResult.of(
          List.of(Finding.fail(Path.of(descriptorSet), 0, "no built descriptor set", REBUILD)), "");
    }
    FileDescriptorSet current = parse(built);
    List<Finding> findings = new ArrayList<>();
    int files = upToDate(context, current, findings);
    String breaking = breaking(context, current, findings);
    return CheckResult.of(
        findings, files + " .proto files match the built descriptor set; " + breaking);
  }

  // --- generated code matches the sources -------------------------------------------------------

  private int upToDate(CheckContext context, FileDescriptorSet set, List<Finding> findings) {
    Path root = context.dir().resolve(sources);
    Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
    set.getFileList().forEach(f -> byName.put(f.getName(), f));
    List<Path> protos;
    try (Stream<Path> walk = Files.isDirectory(root) ? Files.walk(root) : Stream.empty()) {
      protos = walk.filter(p -> p.toString().endsWith(".proto")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    for (Path proto : protos) {
      String name = root.relativize(proto).toString().replace('\\', '/');
      Path shown = context.relative(proto);
      FileDescriptorProto file = byName.remove(name);
      if (file == null) {
        findings.add(
            Finding.fail(
                shown, 1, name + " is not in the built descriptor set " + descriptorSet, REBUILD));
        continue;
      }
      Map<String, List<Integer>> declared;
      try {
        declared = ProtoSource.declarations(Files.readString(proto));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + proto, e);
      }
      Map<String, Integer> builtCounts = new HashMap<>();
      builtCounts.merge("package " + file.getPackage(), 1, Integer::sum);
      file.getMessageTypeList().forEach(m -> count(m, builtCounts));
      file.getEnumTypeList().forEach(e -> count(e, builtCounts));
      for (ServiceDescriptorProto s : file.getServiceList()) {
        builtCounts.merge("service " + s.getName(), 1, Integer::sum);
        s.getMethodList().forEach(m -> builtCounts.merge("rpc " + m.getName(), 1, Integer::sum));
      }
      declared.forEach(
          (key, lines) -> {
            int inBuilt = builtCounts.getOrDefault(key, 0);
            for (int i = inBuilt; i < lines.size(); i++) {
              findings.add(
                  Finding.fail(
                      shown,
                      lines.get(i),
                      "'"
                          + key
                          + "' is declared here but not in the built descriptor set: generated code is stale",
                      REBUILD));
            }
          });
      builtCounts.forEach(
          (key, count) -> {
            int inSource = declared.getOrDefault(key, List.of()).size();
            if (count > inSource) {
              findings.add(
                  Finding.fail(
                      shown,
                      1,
                      "the built descriptor set has '"
                          + key
                          + "' that the file no longer declares: generated code is stale",
                      REBUILD));
            }
          });
    }
    byName.keySet().stream()
        .filter(n -> !n.startsWith("google/"))
        .forEach(
            n ->
                findings.add(
                    Finding.fail(
                        Path.of(descriptorSet),
                        0,
                        "the built descriptor set has "
                            + n
                            + " but "
                            + sources
                            + " has no such file",
                        REBUILD)));
    return protos.size();
  }

  private static void count(DescriptorProto m, Map<String, Integer> counts) {
    if (m.getOptions().getMapEntry()) {
      return; // synthetic map<K,V> entry: the source declares it as a field
    }
    counts.merge("message " + m.getName(), 1, Integer::sum);
    m.getFieldList()
        .forEach(
            f -> counts.merge("field " + f.getName() + " = " + f.getNumber(), 1, Integer::sum));
    m.getNestedTypeList().forEach(n -> count(n, counts));
    m.getEnumTypeList().forEach(e -> count(e, counts));
  }

  private static void count(EnumDescriptorProto e, Map<String, Integer> counts) {
    counts.merge("enum " + e.getName(), 1, Integer::sum);
    e.getValueList()
        .forEach(
            v -> counts.merge("field " + v.getName() + " = " + v.getNumber(), 1, Integer::sum));
  }

  // --- compatibility with the last release ------------------------------------------------------

  private String breaking(CheckContext context, FileDescriptorSet current, List<Finding> findings) {
    Optional<Release> baseline =
        context.release().isPresent()
            ? context.releases().before(context.release().get().version())
            : context.releases().latest();
    if (baseline.isEmpty()) {
      return "no baseline: no earlier release to compare with";
    }
    Release base = baseline.get();
    Path baseFile = context.dir().resolve(baselines).resolve(base.tag() + ".desc");
    if (!Files.isRegularFile(baseFile)) {
      findings.add(
          Finding.fail(
              context.relative(base.manifest()),
              base.line("protoDescriptorDigest"),
              "the descriptor set of " + base.tag() + " is missing: " + context.relative(baseFile),
              "restore it from the release's oasis-proto jar (oasis/contracts.desc); oasis release writes it there"));
      return "no baseline file";
    }
    String expected = base.root().path("protoDescriptorDigest").asText("");
    String actual = "sha256:" + sha256(baseFile);
    if (!expected.isEmpty() && !expected.equals(actual)) {
      findings.add(
          Finding.fail(
              context.relative(baseFile),
              0,
              "digest "
                  + actual
                  + " differs from protoDescriptorDigest "
                  + expected
                  + " of "
                  + context.relative(base.manifest()),
              "restore the descriptor set the release pinned"));
      return "baseline does not match its manifest";
    }
    boolean newMajor =
        context.release().isPresent()
            && context.release().get().version().getMajor() > base.version().getMajor();
    List<Finding> breaks = new ArrayList<>();
    new Compatibility(context, current, parse(baseFile), sources, breaks).compare();
    if (newMajor) {
      return breaks.size()
          + " breaking changes against "
          + base.tag()
          + " allowed: "
          + context.release().get().tag()
          + " is a new major version";
    }
    findings.addAll(breaks);
    return "no breaking change against " + base.tag();
  }

  static FileDescriptorSet parse(Path file) {
    try {
      return FileDescriptorSet.parseFrom(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the descriptor set " + file, e);
    }
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Field-level comparison of a new descriptor set against a released one, like buf breaking. */
  private static final class Compatibility {
    private final CheckContext context;
    private final Map<String, FileDescriptorProto> now = new LinkedHashMap<>();
    private final Map<String, FileDescriptorProto> then = new LinkedHashMap<>();
    private final Map<String, Located<DescriptorProto>> messages = new HashMap<>();
    private final Map<String, Located<EnumDescriptorProto>> enums = new HashMap<>();
    private final Map<String, Located<ServiceDescriptorProto>> services = new HashMap<>();
    private final String sources;
    private final List<Finding> findings;

    record Located<T>(T value, FileDescriptorProto file, List<Integer> path) {}

    Compatibility(
        CheckContext context,
        FileDescriptorSet current,
        FileDescriptorSet baseline,
        String sources,
        List<Finding> findings) {
      this.context = context;
      this.sources = sources;
      this.findings = findings;
      current.getFileList().forEach(f -> now.put(f.getName(), f));
      baseline.getFileList().forEach(f -> then.put(f.getName(), f));
      for (FileDescriptorProto f : current.getFileList()) {
        String prefix = f.getPackage().isEmpty() ? "" : f.getPackage() + ".";
        for (int i = 0; i < f.getMessageTypeCount(); i++) {
          index(f, prefix, f.getMessageType(i), List.of(4, i));
        }
        for (int i = 0; i < f.getEnumTypeCount(); i++) {
          enums.put(
              prefix + f.getEnumType(i).getName(),
              new Located<>(f.getEnumType(i), f, List.of(5, i)));
        }
        for (int i = 0; i < f.getServiceCount(); i++) {
          services.put(
              prefix + f.getService(i).getName(), new Located<>(f.getService(i), f, List.of(6, i)));
        }
      }
    }

    private void index(
        FileDescriptorProto f, String prefix, DescriptorProto m, List<Integer> path) {
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
          Integer renumbered = byName.get(f.getName());
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
          continue;
        }
        FieldDescriptorProto g = fresh.getField(at);
        List<Integer> path = append(found.path(), 2, at);
        if (!g.getName().equals(f.getName())) {
          fail(
              found.file(),
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
              found.file(),
              path,
              "field "
                  + name
                  + "."
                  + f.getName()
                  + " changed type from "
                  + type(f)
                  + " to "
                  + type(g),
              "keep " + type(f) + "; add a new field for the new type",
              null);
        }
        if (g.getLabel() != f.getLabel()) {
          fail(
              found.file(),
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
      for (DescriptorProto nested : old.getNestedTypeList()) {
        if (!nested.getOptions().getMapEntry()) {
          message(name + "." + nested.getName(), nested, found.file());
        }
      }
      old.getEnumTypeList().forEach(e -> enumType(name + "." + e.getName(), e, found.file()));
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
        boolean kept =
            found.value().getValueList().stream().anyMatch(n -> n.getNumber() == v.getNumber());
        boolean isReserved =
            found.value().getReservedRangeList().stream()
                .anyMatch(r -> v.getNumber() >= r.getStart() && v.getNumber() <= r.getEnd());
        if (!kept && !isReserved) {
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
              shown, file == null ? 0 : line(file.getSourceCodeInfo(), path), message, fix));
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
}
