package oasis.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The routes file that oasis writes and every caller reads: any text parses, or fails with an
 * {@link IllegalArgumentException} naming the line (the caller then keeps its last good routes),
 * and what parses formats back to the same routes.
 */
class RoutesFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void parse(byte[] input) {
    Routes routes;
    try {
      routes = Routes.parse(new String(input, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("line ");
      return;
    }
    assertThat(Routes.parse(Routes.format(routes.all())).all()).isEqualTo(routes.all());
  }
}
