package oasis.runtime.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oasis.config.EnvFile;
import oasis.config.EnvironmentConfig;
import oasis.config.Overrides;
import oasis.config.Project;
import oasis.core.Json;
import oasis.core.Templates;
import oasis.runtime.ContainerImages;
import oasis.runtime.InstanceKind;
import oasis.runtime.Plan;

/**
 * A compose file equivalent to what the docker target runs for an environment: the same {@link
 * ContainerSpecs}, rendered from {@code templates/compose/}. Variables of the environment's {@code
 * .env} are never written: each service mounts that file read-only where the service kit reads it
 * (its working directory), so secrets stay out of the containers' configuration, as on the docker
 * target. Secret {@code --set} overrides are not exported.
 */
public final class ComposeExport {

  private ComposeExport() {}

  /**
   * @param plan what the environment runs (its current revision, or a build)
   * @param composeDir the directory the file will be written to (env_file is relative to it)
   * @param images the environment's images (their references only: nothing is built)
   */
  public static String render(
      Project project, String envName, Plan plan, Path composeDir, ContainerImages images) {
    EnvironmentConfig env = project.environment(envName).getValue();
    List<ContainerSpec> specs =
        ContainerSpecs.of(plan, project.config(), env.docker(), images.refs(plan));
    // env_file only when the .env exists: compose refuses a file that names a missing one
    Path envFile =
        env.envFile() == null || !Files.isRegularFile(project.dir().resolve(env.envFile()))
            ? null
            : project.dir().resolve(env.envFile());
    Map<String, ContainerSpec> byInstance = new HashMap<>();
    specs.forEach(s -> byInstance.put(s.instance(), s));
    Services export =
        new Services(plan, byInstance, envFile, EnvFile.read(envFile).keySet(), composeDir);
    List<Map<String, Object>> services = new ArrayList<>();
    for (ContainerSpec s : specs) {
      services.add(export.service(s));
    }
    Map<String, Object> scope = new HashMap<>();
    scope.put("environment", envName);
    scope.put("version", plan.version());
    scope.put("services", services);
    scope.put("network", ContainerSpecs.network(envName));
    List<Map<String, String>> volumes = new ArrayList<>();
    specs.stream()
        .flatMap(sp -> sp.volumes().keySet().stream())
        .distinct()
        .forEach(v -> volumes.add(Map.of("name", v, "env", quote(envName))));
    scope.put("volumes", volumes);
    scope.put("hasVolumes", !volumes.isEmpty());
    return new Templates(project.dir()).render(Templates.COMPOSE, scope);
  }

  /**
   * What every service of the file is rendered from: the plan (its host ports), the containers by
   * instance (their dependencies' health checks), the environment's .env and where the file goes.
   */
  private record Services(
      Plan plan,
      Map<String, ContainerSpec> byInstance,
      Path envFile,
      Set<String> fromEnvFile,
      Path composeDir) {

    /** One service of the compose file: the template's view of container {@code s}. */
    private Map<String, Object> service(ContainerSpec s) {
      Map<String, Object> svc = new HashMap<>();
      svc.put("name", serviceName(s.instance()));
      svc.put("image", s.image());
      svc.put("container", s.container());
      svc.put("restart", quote(s.restartPolicy()));
      svc.put("command", s.launch().command().isEmpty() ? null : json(s.launch().command()));
      List<String> mounts = mounts(s);
      svc.put("volumes", mounts);
      svc.put("hasVolumes", !mounts.isEmpty());
      List<String> vars = new ArrayList<>();
      s.launch()
          .env()
          .forEach(
              (k, v) -> {
                if (!fromEnvFile.contains(k) && !Overrides.isSecret(k)) {
                  vars.add(quote(k + "=" + v));
                }
              });
      List<String> ports = ports(s, vars);
      vars.sort(null);
      svc.put("env", vars);
      svc.put("ports", ports);
      List<Map<String, String>> labels = new ArrayList<>();
      s.labels().forEach((k, v) -> labels.add(Map.of("key", k, "value", quote(v))));
      svc.put("labels", labels);
      svc.put("aliases", json(s.aliases()));
      svc.put("memory", s.memory() == null ? null : quote(s.memory()));
      svc.put("cpus", s.cpus());
      List<Map<String, String>> deps = dependencies(s);
      svc.put("dependencies", deps);
      svc.put("hasDependencies", !deps.isEmpty());
      return svc;
    }

    private List<String> mounts(ContainerSpec s) {
      List<String> mounts = new ArrayList<>();
      s.volumes().forEach((name, path) -> mounts.add(quote(name + ":" + path)));
      if (envFile != null && s.launch().kind() == InstanceKind.SERVICE) {
        // the service kit reads .env in its working directory: secrets stay out of the config
        mounts.add(
            quote(
                composeDir.toAbsolutePath().normalize().relativize(envFile)
                    + ":"
                    + Containers.APP_DIR
                    + "/.env:ro"));
      }
      return mounts;
    }

    /**
     * Like the docker target: loopback only, the host port picked by Docker, except a port whose
     * host address the container must advertise (Kafka's host listener): a compose file cannot
     * learn a picked port, so that one takes its oasis.yaml port, and its variable joins {@code
     * vars}.
     */
    private List<String> ports(ContainerSpec s, List<String> vars) {
      Map<String, Integer> planned = plan.instance(s.instance()).orElseThrow().ports();
      List<String> ports = new ArrayList<>();
      s.launch()
          .ports()
          .forEach(
              (name, port) -> {
                String var =
                    s.hostAddressVars().entrySet().stream()
                        .filter(e -> e.getValue().equals(name))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
                if (var == null) {
                  ports.add(quote("127.0.0.1::" + port));
                } else {
                  int host = planned.getOrDefault(name, port);
                  ports.add(quote("127.0.0.1:" + host + ":" + port));
                  vars.add(quote(var + "=127.0.0.1:" + host));
                }
              });
      return ports;
    }

    private List<Map<String, String>> dependencies(ContainerSpec s) {
      List<Map<String, String>> deps = new ArrayList<>();
      for (String d : s.launch().dependsOn()) {
        ContainerSpec dep = byInstance.get(d);
        if (dep != null) {
          deps.add(
              Map.of(
                  "name",
                  serviceName(d),
                  "condition",
                  dep.healthcheck() ? "service_healthy" : "service_started"));
        }
      }
      return deps;
    }
  }

  private static String serviceName(String instance) {
    return instance.replace('@', '-');
  }

  /** A YAML double-quoted scalar (JSON string syntax), with compose's {@code $} escaped. */
  static String quote(String s) {
    return json(s.replace("$", "$$"));
  }

  private static String json(Object value) {
    try {
      return Json.mapper()
          .writer()
          .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value, e);
    }
  }
}
