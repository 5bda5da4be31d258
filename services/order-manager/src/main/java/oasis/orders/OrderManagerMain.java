package oasis.orders;

import oasis.service.ServiceMain;

/** Runs the order manager; see services/order-manager/README.md for its variables. */
public final class OrderManagerMain {
  private OrderManagerMain() {}

  /** Entry point: exit 2 on a bad configuration, 0 after a clean SIGTERM. */
  public static void main(String[] args) {
    ServiceMain.run(
        OrderManagerService.COMPONENT, OrderManagerService.PREFIX, OrderManagerService::configure);
  }
}
