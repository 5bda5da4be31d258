package oasis.service.decimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  @Test
  void plainDecimalStringsParseExactly() {
    assertThat(Decimals.parsePositive("q", "0.015")).isEqualTo(new BigDecimal("0.015"));
    assertThat(Decimals.parsePositive("p", "64250.12345678"))
        .isEqualTo(new BigDecimal("64250.12345678"));
  }

  @Test
  void exponentsSignsNanAndZeroAreRefusedNamingTheField() {
    for (String bad : new String[] {"1e3", "-1", "+1", "NaN", "0", "0.000", "", " ", "1,5", ".5"}) {
      assertThatThrownBy(() -> Decimals.parsePositive("quantity", bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("quantity");
    }
  }

  @Test
  void formattingDropsTrailingZerosAndNeverUsesAnExponent() {
    assertThat(Decimals.format(new BigDecimal("100.2500"))).isEqualTo("100.25");
    assertThat(Decimals.format(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Decimals.format(new BigDecimal("0.000"))).isEqualTo("0");
    assertThat(Decimals.format(null)).isEmpty();
  }
}
