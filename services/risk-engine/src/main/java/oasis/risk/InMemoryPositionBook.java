package oasis.risk;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Positions in this process's memory (RISK_USE_REDIS=0). */
public final class InMemoryPositionBook implements PositionBook {
  private static final int REMEMBERED_FILLS = 100_000;

  private final Map<String, BigDecimal> positions = new ConcurrentHashMap<>();
  private final Set<String> open = ConcurrentHashMap.newKeySet();
  private final Set<String> closed = remembered();
  private final Set<String> appliedFills = remembered();

  private static Set<String> remembered() {
    return Collections.newSetFromMap(
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_FILLS;
          }
        });
  }

  @Override
  public BigDecimal position(String symbol) {
    return positions.getOrDefault(symbol, BigDecimal.ZERO);
  }

  @Override
  public int openOrders() {
    return open.size();
  }

  @Override
  public void applyFill(String fillId, String symbol, BigDecimal signedQuantity) {
    synchronized (appliedFills) {
      if (!appliedFills.add(fillId)) {
        return;
      }
    }
    positions.merge(symbol, signedQuantity, BigDecimal::add);
  }

  @Override
  public void orderOpened(String clientOrderId) {
    synchronized (closed) {
      if (!closed.contains(clientOrderId)) {
        open.add(clientOrderId);
      }
    }
  }

  @Override
  public void orderClosed(String clientOrderId) {
    synchronized (closed) {
      closed.add(clientOrderId);
      open.remove(clientOrderId);
    }
  }
}
