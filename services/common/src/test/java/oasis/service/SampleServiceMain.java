package oasis.service;

import java.util.concurrent.atomic.AtomicBoolean;

/** A minimal service main for the process-level tests: no RPCs of its own, one shutdown hook. */
public final class SampleServiceMain {
  private SampleServiceMain() {}

  public static void main(String[] args) {
    AtomicBoolean flushed = new AtomicBoolean();
    ServiceMain.run(
        "sample",
        "SAMPLE",
        service -> {
          service.config().oneOf("SAMPLE_MODE", "paper", "paper", "real");
          service.onShutdown(
              "flush",
              () -> {
                flushed.set(true);
                System.out.println("sample flushed");
              });
        });
  }
}
