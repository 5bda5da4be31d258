package oasis.cli;

import java.time.Duration;
import oasis.core.Durations;
import oasis.core.OasisException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a {@code DURATION} option when the command line is parsed, so a bad value ({@code
 * --timeout soon}, {@code 0s}) exits 2 on every command that lists the option, used or not.
 */
final class DurationOption implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (OasisException e) {
      throw new TypeConversionException(e.getMessage() + "; " + e.hint());
    }
  }
}
