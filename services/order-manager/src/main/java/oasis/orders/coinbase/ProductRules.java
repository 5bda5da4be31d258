package oasis.orders.coinbase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import oasis.orders.Order;
import oasis.service.ConfigException;
import trading.contracts.OrderType;

/**
 * The exchange's rules for each product: the size and price increments and the minimum size. An
 * order that breaks one is refused before it is sent, never rounded silently; the price the market
 * collar computes is rounded explicitly, towards the safe side.
 */
public final class ProductRules {
  /** One product's rules. */
  public record Product(BigDecimal sizeIncrement, BigDecimal priceIncrement, BigDecimal minSize) {}

  /**
   * BTC-USD and ETH-USD as the exchange publishes them ({@code GET /products/<id>}: base_increment,
   * quote_increment, base_min_size); {@code PRODUCT_RULES} replaces them.
   */
  public static final String DEFAULTS =
      "BTC-USD:0.00000001:0.01:0.00001,ETH-USD:0.00000001:0.01:0.0001";

  private final Map<String, Product> products;

  private ProductRules(Map<String, Product> products) {
    this.products = Map.copyOf(products);
  }

  /** No rules at all: every product is refused. */
  public static ProductRules none() {
    return new ProductRules(Map.of());
  }

  /**
   * From {@code SYMBOL:size_increment:price_increment:min_size[,...]}; throws {@link
   * ConfigException} naming {@code name} on anything else.
   */
  public static ProductRules parse(String name, String text) {
    Map<String, Product> products = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.trim().split(":");
      try {
        if (parts.length != 4) {
          throw new IllegalArgumentException("four parts");
        }
        Product product = new Product(positive(parts[1]), positive(parts[2]), positive(parts[3]));
        products.put(parts[0].trim().toUpperCase(Locale.ROOT), product);
      } catch (RuntimeException e) {
        throw new ConfigException(
            name
                + " must be SYMBOL:size_increment:price_increment:min_size[,...] with positive"
                + " decimals, got '"
                + text
                + "'");
      }
    }
    return new ProductRules(products);
  }

  private static BigDecimal positive(String text) {
    BigDecimal value = new BigDecimal(text.trim());
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("not positive");
    }
    return value;
  }

  /** The rules of {@code symbol}, if known. */
  public Optional<Product> product(String symbol) {
    return Optional.ofNullable(products.get(symbol));
  }

  /** Why the exchange would refuse {@code order}, or empty when it keeps every rule. */
  public Optional<String> violation(Order order) {
    Product product = products.get(order.symbol());
    if (product == null) {
      return Optional.of(
          "no product rules for " + order.symbol() + " (PRODUCT_RULES); not sent to the exchange");
    }
    if (order.quantity().compareTo(product.minSize()) < 0) {
      return Optional.of(
          "quantity "
              + order.quantity().toPlainString()
              + " is below the minimum size "
              + product.minSize().toPlainString()
              + " of "
              + order.symbol());
    }
    if (!isMultiple(order.quantity(), product.sizeIncrement())) {
      return Optional.of(
          "quantity "
              + order.quantity().toPlainString()
              + " is not a multiple of the size increment "
              + product.sizeIncrement().toPlainString()
              + " of "
              + order.symbol());
    }
    if (order.orderType() == OrderType.LIMIT
        && !isMultiple(order.price(), product.priceIncrement())) {
      return Optional.of(
          "price "
              + order.price().toPlainString()
              + " is not a multiple of the price increment "
              + product.priceIncrement().toPlainString()
              + " of "
              + order.symbol());
    }
    return Optional.empty();
  }

  /** {@code price} rounded to a multiple of {@code increment}, down or up as asked. */
  public static BigDecimal toIncrement(BigDecimal price, BigDecimal increment, boolean up) {
    BigDecimal steps = price.divide(increment, 0, up ? RoundingMode.CEILING : RoundingMode.FLOOR);
    return steps.multiply(increment).stripTrailingZeros();
  }

  private static boolean isMultiple(BigDecimal value, BigDecimal increment) {
    return value.remainder(increment).signum() == 0;
  }
}
