package oasis;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import oasis.cli.Oasis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI's package rules (ARCHITECTURE.md), checked on its compiled main classes only: the
 * generated contracts and the services share the {@code oasis} root but are not the CLI's code.
 */
class ArchitectureTest {

  private static JavaClasses cli;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    Path classes = Path.of(Oasis.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    cli = new ClassFileImporter().importLocations(java.util.Set.of(Location.of(classes)));
  }

  /**
   * A target supplies addresses to the runtime contract and nothing more, so a third target costs
   * one package. It may use the target API ({@code oasis.runtime}), the project model, core, an
   * environment's durable state ({@code oasis.state}: the ledger and lock a target may keep
   * elsewhere, as kubernetes keeps them in the cluster), the artifact store (the build's output is
   * what a target runs; not the image code under it: images reach a target as references through
   * {@code oasis.runtime.ContainerImages}), security (the certificates and credentials a secured
   * environment's processes are started with) and the generated ops contract (GetInfo). Never the
   * deploy engine that drives it, nor another target.
   */
  @Test
  void targetsDependOnlyOnTheTargetApiAndWhatItNeeds() {
    for (String target : new String[] {"local", "docker", "kubernetes"}) {
      String own = "oasis.runtime." + target + "..";
      ArchRule rule =
          classes()
              .that()
              .resideInAPackage(own)
              .should()
              .onlyDependOnClassesThat(
                  resideOutsideOfPackage("oasis..")
                      .or(
                          resideInAnyPackage(
                              own,
                              "oasis.runtime",
                              "oasis.config..",
                              "oasis.core..",
                              "oasis.state..",
                              "oasis.artifact",
                              "oasis.security..",
                              "oasis.ops..")))
              .as("the " + target + " target depends only on the target API and what it needs");
      rule.check(cli);
    }
  }

  /**
   * Images are the build's (ARCHITECTURE.md: {@code oasis.artifact} makes the container images for
   * every target): no runtime package builds one, so docker and kubernetes cannot drift apart.
   */
  @Test
  void noRuntimeBuildsImages() {
    noClasses()
        .that()
        .resideInAPackage("oasis.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("oasis.artifact.image..")
        .as("runtime packages take image references; they do not import the image code")
        .check(cli);
  }

  /**
   * The build side knows nothing of how its output runs: the image code takes its own {@code
   * ImageInstance}, never a plan, and reaches the engine only through a client it is given.
   */
  @Test
  void theBuildImportsNoRuntime() {
    noClasses()
        .that()
        .resideInAPackage("oasis.artifact..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("oasis.runtime..")
        .as("the artifact and image code imports no runtime package")
        .check(cli);
  }

  /**
   * Commands copy options into a request and call a workflow: they do not reach a target, the
   * ledger's storage or the lock, build artifacts, make plans or read release manifests themselves,
   * so every rule lives where tests drive it without picocli.
   */
  @Test
  void commandsHoldNoEngineLogic() {
    noClasses()
        .that()
        .resideInAPackage("oasis.cli..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "oasis.runtime.local..", "oasis.runtime.docker..", "oasis.runtime.kubernetes..")
                .or(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf(
                        oasis.state.LedgerStore.class,
                        oasis.state.EnvironmentLock.class,
                        oasis.state.EnvironmentState.class,
                        oasis.artifact.Builder.class,
                        oasis.deploy.PlanFactory.class,
                        oasis.deploy.ManifestReleaseCatalog.class)))
        .as("commands reach no target, ledger storage, lock, builder, planner or manifest")
        .check(cli);
  }

  /** The engine never depends on picocli's side: nothing outside oasis.cli imports it. */
  @Test
  void nothingButTheLauncherDependsOnCommands() {
    noClasses()
        .that(not(resideInAnyPackage("oasis.cli..")))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("oasis.cli..")
        .check(cli);
  }

  /** Package cycles make every change ripple: each top-level package of the CLI is a slice. */
  @Test
  void noCyclesBetweenPackages() {
    slices().matching("oasis.(*)..").should().beFreeOfCycles().check(cli);
  }
}
