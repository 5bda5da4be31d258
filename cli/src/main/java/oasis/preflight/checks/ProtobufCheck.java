package oasis.preflight.checks;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
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
import oasis.release.ReleaseDocument;

/**
 * Contracts up to date and compatible: the built descriptor set declares exactly what the {@code
 * .proto} files say; nothing breaks wire or API compatibility against the existing contract that
 * the trading system's clients speak ({@code proto/baseline}, built into {@code baseline.desc}),
 * never, not even in a new major; and nothing breaks against the last release's descriptor set
 * ({@code releases/contracts/vX.Y.Z.desc}) unless the release is a new major.
 */
public final class ProtobufCheck implements Check {

  public static final Set<String> PARAMETERS =
      Set.of("sources", "descriptorSet", "baselines", "contractSources", "contractDescriptorSet");
  private static final String REBUILD = "rebuild the contracts: ./mvnw -B -q -pl proto package";

  private final String sources;
  private final String descriptorSet;
  private final String baselines;
  private final String contractSources;
  private final String contractDescriptorSet;

  public ProtobufCheck(Params params) {
    this.sources = params.string("sources", "proto/src/main/protobuf");
    this.descriptorSet =
        params.string("descriptorSet", "proto/target/classes/oasis/contracts.desc");
    this.baselines = params.string("baselines", "releases/contracts");
    this.contractSources = params.string("contractSources", "proto/baseline");
    this.contractDescriptorSet =
        params.string("contractDescriptorSet", "proto/target/classes/oasis/baseline.desc");
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
    int files = upToDate(context, sources, descriptorSet, current, findings);
    String existing = existingContract(context, current, findings);
    String breaking = breaking(context, current, findings);
    return CheckResult.of(
        findings,
        files + " .proto files match the built descriptor set; " + existing + "; " + breaking);
  }

  /**
   * Compares with the existing contract. Its breaks are never allowed: the clients that speak it
   * are not ours to upgrade with a major version.
   */
  private String existingContract(
      CheckContext context, FileDescriptorSet current, List<Finding> findings) {
    Path built = context.dir().resolve(contractDescriptorSet);
    if (!Files.isRegularFile(built)) {
      findings.add(
          Finding.fail(
              Path.of(contractDescriptorSet),
              0,
              "no built descriptor set of the existing contract (" + contractSources + ")",
              REBUILD));
      return "existing contract not built";
    }
    FileDescriptorSet contract = parse(built);
    int before = findings.size();
    upToDate(context, contractSources, contractDescriptorSet, contract, findings);
    for (FileDescriptorProto f : contract.getFileList()) {
      if (f.getName().startsWith("google/")) {
        continue;
      }
      List<Finding> breaks = new ArrayList<>();
      FileDescriptorSet one = FileDescriptorSet.newBuilder().addFile(f).build();
      new ContractCompatibility(
              context,
              current,
              one,
              "the existing contract "
                  + context.relative(context.dir().resolve(contractSources).resolve(f.getName())),
              sources,
              breaks)
          .compare();
      findings.addAll(breaks);
    }
    int broken = findings.size() - before;
    return broken == 0
        ? "a superset of the existing contract (" + contractSources + ")"
        : broken + " breaks against the existing contract (" + contractSources + ")";
  }

  // --- generated code matches the sources -------------------------------------------------------

  private static int upToDate(
      CheckContext context,
      String sources,
      String descriptorSet,
      FileDescriptorSet set,
      List<Finding> findings) {
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
      sameDeclarations(proto, shown, file, findings);
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

  /**
   * A source file declares what its built descriptor has, each name as often: a difference means
   * the generated code is stale.
   */
  private static void sameDeclarations(
      Path proto, Path shown, FileDescriptorProto file, List<Finding> findings) {
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
    Optional<ReleaseDocument> baseline =
        context.release().isPresent()
            ? context.releases().documentBefore(context.release().get().version())
            : context.releases().latestDocument();
    if (baseline.isEmpty()) {
      return "no baseline: no earlier release to compare with";
    }
    ReleaseDocument base = baseline.get();
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
    new ContractCompatibility(
            context,
            current,
            parse(baseFile),
            "release " + base.tag() + " (" + context.relative(baseFile) + ")",
            sources,
            breaks)
        .compare();
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
}
