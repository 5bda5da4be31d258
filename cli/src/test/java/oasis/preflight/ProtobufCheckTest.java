package oasis.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtobufCheckTest {

  private static final String TRADING = "proto/src/main/protobuf/trading/contracts/trading.proto";
  private static final String EXISTING = "proto/baseline/trading/contracts/trading.proto";

  @TempDir Path dir;
  Fixture fixture;

  @BeforeEach
  void copy() {
    fixture = Fixture.copyOfRepository(dir);
  }

  /** Releases v1.0.0 with today's descriptor set as its baseline. */
  private void releaseToday(String version) throws Exception {
    byte[] desc = Files.readAllBytes(fixture.path(Fixture.DESCRIPTORS));
    Files.createDirectories(fixture.path("releases/contracts"));
    Files.write(fixture.path("releases/contracts/v" + version + ".desc"), desc);
    fixture.write(
        "releases/v" + version + ".yaml",
        "version: "
            + version
            + "\nprotoDescriptorDigest: sha256:"
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(desc))
            + "\nrollback: {steps: [redeploy the previous version]}\n");
  }

  /** Rewrites the built descriptor set's trading.proto (the source stays as it is). */
  private void changeBuilt(UnaryOperator<FileDescriptorProto.Builder> change) throws Exception {
    FileDescriptorSet set =
        FileDescriptorSet.parseFrom(Files.readAllBytes(fixture.path(Fixture.DESCRIPTORS)));
    FileDescriptorSet.Builder out = FileDescriptorSet.newBuilder();
    for (FileDescriptorProto f : set.getFileList()) {
      out.addFile(
          f.getName().equals("trading/contracts/trading.proto")
              ? change.apply(f.toBuilder()).build()
              : f);
    }
    Files.write(fixture.path(Fixture.DESCRIPTORS), out.build().toByteArray());
  }

  private static DescriptorProto.Builder message(FileDescriptorProto.Builder f, String name) {
    for (DescriptorProto.Builder m : f.getMessageTypeBuilderList()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no message " + name);
  }

  private static int indexOf(DescriptorProto.Builder m, String field) {
    for (int i = 0; i < m.getFieldCount(); i++) {
      if (m.getField(i).getName().equals(field)) {
        return i;
      }
    }
    throw new AssertionError("no field " + field);
  }

  @Test
  void repositoryContractsMatchTheBuiltDescriptorSetWithNoBaseline() {
    CheckOutcome o = fixture.runOnly("protobuf-contracts");
    assertThat(o.status()).as(o.message()).isEqualTo(Status.PASS);
    assertThat(o.message()).contains("no baseline", "a superset of the existing contract");
  }

  @Test
  void renumberedTradingModeFailsNamingFileLineAndTheExistingContract() throws Exception {
    // The swap that would make an existing client's PAPER read as REAL; source and build agree.
    fixture.replace(TRADING, "  REAL = 0;\n", "  REAL = 1;\n");
    fixture.replace(TRADING, "  PAPER = 1;\n", "  PAPER = 0;\n");
    changeBuilt(
        f -> {
          for (var e : f.getEnumTypeBuilderList()) {
            if (e.getName().equals("TradingMode")) {
              e.getValueBuilder(0).setNumber(1);
              e.getValueBuilder(1).setNumber(0);
            }
          }
          return f;
        });

    CheckOutcome o = fixture.runOnly("protobuf-contracts");

    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .hasSize(2)
        .allSatisfy(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of(TRADING));
              assertThat(f.message())
                  .contains("[baseline: the existing contract " + EXISTING + "]");
            })
        .anySatisfy(
            f -> {
              assertThat(f.line()).isEqualTo(lineOf("  PAPER = 0;"));
              assertThat(f.message())
                  .contains(
                      "trading.contracts.TradingMode.PAPER was renumbered from 1 to 0",
                      "a client sending PAPER is read as REAL");
              assertThat(f.fix()).contains("keep PAPER = 1");
            })
        .anySatisfy(f -> assertThat(f.line()).isEqualTo(lineOf("  REAL = 1;")));
  }

  @Test
  void retypedSideFailsNamingFileLineAndTheExistingContract() throws Exception {
    changeBuilt(
        f -> {
          DescriptorProto.Builder m = message(f, "OrderRequest");
          m.getFieldBuilder(indexOf(m, "side"))
              .setType(FieldDescriptorProto.Type.TYPE_ENUM)
              .setTypeName(".trading.contracts.Side");
          return f;
        });

    CheckOutcome o = fixture.runOnly("protobuf-contracts");

    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of(TRADING));
              assertThat(f.line()).isEqualTo(lineAfter("message OrderRequest", "string side = 3;"));
              assertThat(f.message())
                  .contains(
                      "field trading.contracts.OrderRequest.side changed type from string to"
                          + " trading.contracts.Side",
                      "[baseline: the existing contract " + EXISTING + "]");
              assertThat(f.fix()).contains("keep string");
            });
  }

  @Test
  void aNewMajorVersionDoesNotExcuseBreakingTheExistingContract() throws Exception {
    releaseToday("1.0.0");
    releaseToday("2.0.0");
    changeBuilt(
        f -> {
          DescriptorProto.Builder m = message(f, "OrderRequest");
          m.getFieldBuilder(indexOf(m, "quantity")).setType(FieldDescriptorProto.Type.TYPE_DOUBLE);
          return f;
        });

    CheckOutcome major =
        fixture.runOnly("protobuf-contracts", null, "2.0.0", Fixture.MONDAY_MORNING);

    assertThat(major.status()).isEqualTo(Status.FAIL);
    assertThat(major.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("the existing contract"));
  }

  @Test
  void anExistingContractThatWasNotBuiltFails() throws Exception {
    Files.delete(fixture.path(Fixture.CONTRACT_DESCRIPTORS));
    CheckOutcome o = fixture.runOnly("protobuf-contracts");
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains("no built descriptor set of the existing"));
  }

  @Test
  void removedFieldAgainstTheLastReleaseFailsNamingFileLineAndFix() throws Exception {
    releaseToday("1.0.0");
    // The field goes from the source and from the build alike: the code is up to date, but breaks.
    fixture.replace(TRADING, "  string client_order_id = 1;\n", "");
    changeBuilt(
        f -> {
          DescriptorProto.Builder m = message(f, "OrderRequest");
          m.removeField(indexOf(m, "client_order_id"));
          return f;
        });

    CheckOutcome o = fixture.runOnly("protobuf-contracts");

    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .as("broken against the release and against the existing contract")
        .hasSize(2)
        .anySatisfy(f -> assertThat(f.message()).contains("[baseline: release v1.0.0"))
        .allSatisfy(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of(TRADING));
              assertThat(f.line())
                  .as("the line of message OrderRequest")
                  .isEqualTo(lineOf("message OrderRequest"));
              assertThat(f.message())
                  .contains("trading.contracts.OrderRequest.client_order_id = 1 was removed");
              assertThat(f.fix()).contains("reserved 1");
            });
  }

  @Test
  void renumberedRetypedAndRemovedRpcAreEachReported() throws Exception {
    releaseToday("1.0.0");
    changeBuilt(
        f -> {
          DescriptorProto.Builder m = message(f, "OrderRequest");
          m.getFieldBuilder(indexOf(m, "symbol")).setNumber(42);
          m.getFieldBuilder(indexOf(m, "quantity")).setType(FieldDescriptorProto.Type.TYPE_DOUBLE);
          f.getServiceBuilder(0).removeMethod(0);
          return f;
        });

    CheckOutcome o = fixture.runOnly("protobuf-contracts");

    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("OrderRequest.symbol was renumbered from 2 to 42"))
        .anySatisfy(
            m -> assertThat(m).contains("OrderRequest.quantity changed type from string to double"))
        .anySatisfy(
            m -> assertThat(m).containsPattern("rpc trading\\.contracts\\.\\w+/\\w+ was removed"));
  }

  @Test
  void renamedPackageIsBreaking() throws Exception {
    releaseToday("1.0.0");
    changeBuilt(f -> f.setPackage("trading.contracts.v2"));
    CheckOutcome o = fixture.runOnly("protobuf-contracts");
    assertThat(o.findings())
        .extracting(Finding::message)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("package renamed from trading.contracts to trading.contracts.v2"));
  }

  @Test
  void aNewMajorVersionMayBreak() throws Exception {
    releaseToday("1.0.0");
    releaseToday("2.0.0");
    changeBuilt(
        f -> {
          DescriptorProto.Builder m = message(f, "OrderRequest");
          m.removeField(indexOf(m, "real_money"));
          return f;
        });
    fixture.replace(TRADING, "  bool real_money = 9;", "  // real_money was 9");

    CheckOutcome major =
        fixture.runOnly("protobuf-contracts", null, "2.0.0", Fixture.MONDAY_MORNING);
    assertThat(major.status()).as(major.message()).isEqualTo(Status.PASS);
    assertThat(major.message()).contains("1 breaking changes against v1.0.0 allowed", "new major");

    CheckOutcome minor = fixture.runOnly("protobuf-contracts");
    assertThat(minor.status())
        .as("without --release the newest release is the baseline")
        .isEqualTo(Status.FAIL);
  }

  @Test
  void sourceChangedWithoutRebuildIsStaleGeneratedCode() {
    fixture.replace(
        TRADING,
        "  string client_order_id = 1;\n",
        "  string client_order_id = 1;\n  string venue = 99;\n");
    CheckOutcome o = fixture.runOnly("protobuf-contracts");
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo(Path.of(TRADING));
              assertThat(f.line()).isEqualTo(lineOf("string venue = 99;"));
              assertThat(f.message()).contains("'field venue = 99'", "stale");
              assertThat(f.fix()).contains("./mvnw -B -q -pl proto package");
            });
  }

  @Test
  void baselineThatDiffersFromTheManifestDigestFails() throws Exception {
    releaseToday("1.0.0");
    Files.write(fixture.path("releases/contracts/v1.0.0.desc"), new byte[] {});
    CheckOutcome o = fixture.runOnly("protobuf-contracts");
    assertThat(o.status()).isEqualTo(Status.FAIL);
    assertThat(o.message()).contains("differs from protoDescriptorDigest");
  }

  private int lineAfter(String anchor, String text) {
    String[] lines = fixture.read(TRADING).split("\n");
    boolean seen = false;
    for (int i = 0; i < lines.length; i++) {
      seen |= lines[i].contains(anchor);
      if (seen && lines[i].contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + text + " after " + anchor);
  }

  private int lineOf(String text) {
    String[] lines = fixture.read(TRADING).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + text);
  }
}
