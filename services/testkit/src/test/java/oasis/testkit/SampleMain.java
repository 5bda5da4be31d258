package oasis.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import oasis.service.ServiceMain;

/** A kit service for ServiceProcessIT: ready once the file named by SAMPLE_READY_FILE exists. */
public final class SampleMain {
  private SampleMain() {}

  public static void main(String[] args) {
    ServiceMain.run(
        "sample",
        "SAMPLE",
        service -> {
          Path flag = Path.of(service.config().required("SAMPLE_READY_FILE", "a file path"));
          service.readinessCheck("flag file", () -> Files.exists(flag));
        });
  }
}
