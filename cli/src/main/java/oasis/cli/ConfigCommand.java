package oasis.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import oasis.config.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code oasis config validate|show}: check and print the project model of {@code oasis.yaml}. */
@Command(
    name = "config",
    description = "Validate or show the project model (oasis.yaml).",
    subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
final class ConfigCommand {

  @Command(
      name = "validate",
      description = "Check oasis.yaml; exit 2 naming file and line when it is wrong.")
  static final class Validate implements Callable<Integer>, JsonOutput {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Project project = Cli.project(spec);
      PrintWriter out = spec.commandLine().getOut();
      var config = project.config();
      if (Cli.json(spec)) {
        Cli.printJson(
            spec,
            new LinkedHashMap<>(
                Map.of(
                    "file", project.dir().relativize(project.file()).toString(),
                    "valid", true,
                    "components", config.components().size(),
                    "infrastructure", config.infrastructure().size(),
                    "environments", config.environments().size(),
                    "defaultEnvironment", config.defaultEnvironment())));
        return ExitCodes.OK;
      }
      out.printf(
          "%s is valid: %d components, %d infrastructure, %d environments (default %s)%n",
          project.dir().relativize(project.file()),
          config.components().size(),
          config.infrastructure().size(),
          config.environments().size(),
          config.defaultEnvironment());
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      description = "Print the project model: components, infrastructure, environments.")
  static final class Show implements Callable<Integer>, JsonOutput {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      var config = Cli.project(spec).config();
      if (Cli.json(spec)) {
        Cli.printJson(spec, config);
        return ExitCodes.OK;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-20s %-28s %s%n", "COMPONENT", "PORTS", "DEPENDS ON");
      config
          .components()
          .forEach(
              (name, c) ->
                  out.printf(
                      "%-20s %-28s %s%n",
                      name, ports(c.ports()), String.join(", ", c.dependsOn())));
      out.printf("%n%-20s %-28s %s%n", "INFRASTRUCTURE", "PORTS", "KIND");
      config
          .infrastructure()
          .forEach((name, i) -> out.printf("%-20s %-28s %s%n", name, ports(i.ports()), i.kind()));
      out.printf("%n%-20s %-28s %s%n", "ENVIRONMENT", "TARGET", "KAFKA");
      config
          .environments()
          .forEach(
              (name, e) ->
                  out.printf(
                      "%-20s %-28s replicas %d, %s%n",
                      name + (name.equals(config.defaultEnvironment()) ? " (default)" : ""),
                      e.target(),
                      e.kafka().replicas(),
                      e.kafka().securityProtocol()));
      out.flush();
      return ExitCodes.OK;
    }

    private static String ports(Map<String, Integer> ports) {
      Map<String, Integer> sorted = new LinkedHashMap<>(ports);
      StringBuilder sb = new StringBuilder();
      sorted.forEach(
          (k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
      return sb.toString();
    }
  }
}
