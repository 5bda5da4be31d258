package oasis.preflight;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import oasis.preflight.checks.AlertRulesCheck;
import oasis.preflight.checks.CertificateExpiryCheck;
import oasis.preflight.checks.DashboardsCheck;
import oasis.preflight.checks.DeployWindowCheck;
import oasis.preflight.checks.LiteralSecretsCheck;
import oasis.preflight.checks.ProductionSafetyCheck;
import oasis.preflight.checks.ProtobufCheck;
import oasis.preflight.checks.RollbackPlanCheck;
import oasis.preflight.checks.VariablesCheck;
import oasis.preflight.checks.VariablesInNotesCheck;

/** The check types a checklist may name, each with the parameters it accepts. */
public final class CheckRegistry {

  /** A check type: its name in checklists, its parameters, and how to make it from them. */
  public record CheckType(String name, Set<String> parameters, Function<Params, Check> factory) {}

  private final Map<String, CheckType> types = new LinkedHashMap<>();

  private CheckRegistry() {}

  public static CheckRegistry empty() {
    return new CheckRegistry();
  }

  /** Every check type oasis ships. */
  public static CheckRegistry standard() {
    return empty()
        .register("protobuf", ProtobufCheck.PARAMETERS, ProtobufCheck::new)
        .register("config-variables", VariablesCheck.PARAMETERS, VariablesCheck::new)
        .register("no-literal-secrets", LiteralSecretsCheck.PARAMETERS, LiteralSecretsCheck::new)
        .register(
            "variables-in-release-notes",
            VariablesInNotesCheck.PARAMETERS,
            VariablesInNotesCheck::new)
        .register("grafana-dashboards", DashboardsCheck.PARAMETERS, DashboardsCheck::new)
        .register("prometheus-rules", AlertRulesCheck.PARAMETERS, AlertRulesCheck::new)
        .register("rollback-plan", RollbackPlanCheck.PARAMETERS, RollbackPlanCheck::new)
        .register("deploy-window", DeployWindowCheck.PARAMETERS, DeployWindowCheck::new)
        .register(
            "certificate-expiry", CertificateExpiryCheck.PARAMETERS, CertificateExpiryCheck::new)
        .register(
            "production-safety", ProductionSafetyCheck.PARAMETERS, ProductionSafetyCheck::new);
  }

  public CheckRegistry register(
      String name, Set<String> parameters, Function<Params, Check> factory) {
    types.put(name, new CheckType(name, Set.copyOf(parameters), factory));
    return this;
  }

  public CheckType type(String name) {
    return types.get(name);
  }

  public Map<String, CheckType> types() {
    return Collections.unmodifiableMap(types);
  }
}
