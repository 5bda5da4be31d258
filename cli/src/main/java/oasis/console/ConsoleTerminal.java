package oasis.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.terminal.Terminal;

/**
 * The JLine terminal of this process: the shell's while it runs (one terminal per process, or the
 * two would fight over the tty's modes), else one made on first use by {@code --watch}.
 */
public final class ConsoleTerminal {

  private static Terminal current;
  private static boolean owned;

  private ConsoleTerminal() {}

  /** The shell's terminal: used by every command it runs. */
  static synchronized void use(Terminal t) {
    current = t;
    owned = false;
  }

  /** Whether the shell owns the terminal (then the shell handles Ctrl-C). */
  static synchronized boolean inShell() {
    return current != null && !owned;
  }

  static synchronized Terminal get() {
    if (current == null) {
      try {
        current = Shell.terminal();
        owned = true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the terminal", e);
      }
    }
    return current;
  }
}
