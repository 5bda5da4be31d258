package oasis.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import oasis.config.Project;
import oasis.state.StateLayout;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code oasis shell}: every verb at a prompt, with completion and a history kept in {@code
 * .oasis/shell-history}. Each line runs as its own command line (its own exit code, shown when not
 * 0) on a worker thread, so that Ctrl-C interrupts the command and not the shell.
 */
public final class Shell {

  /** Runs one command line (the words after {@code oasis}) and returns its exit code. */
  public interface Runner {
    int run(List<String> args, PrintWriter out, PrintWriter err, boolean colour);
  }

  private final Supplier<CommandSpec> root;
  private final Supplier<Project> project;
  private final Path stateDir;
  private final Runner runner;
  private final boolean colour;

  /**
   * @param root the whole command tree, every command's model built: asked for at the first TAB
   *     (building it costs more than the rest of the shell's start-up)
   */
  public Shell(
      Supplier<CommandSpec> root,
      Supplier<Project> project,
      Path stateDir,
      Runner runner,
      boolean colour) {
    this.root = root;
    this.project = project;
    this.stateDir = stateDir;
    this.runner = runner;
    this.colour = colour;
  }

  /** Reads and runs lines until {@code exit}, {@code quit} or Ctrl-D; returns 0. */
  public int run() throws IOException {
    try (Terminal terminal = terminal()) {
      ConsoleTerminal.use(terminal);
      Files.createDirectories(stateDir);
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("oasis")
              .completer(new ShellCompleter(root, project))
              .variable(LineReader.HISTORY_FILE, StateLayout.at(stateDir).shellHistory())
              .variable(LineReader.HISTORY_SIZE, 1000)
              .build();
      PrintWriter out = terminal.writer();
      PrintWriter err = new PrintWriter(terminal.writer(), true);
      Style st = new Style(colour);
      out.println(st.dim("oasis shell: TAB completes, Ctrl-C stops a command, 'exit' leaves."));
      int last = 0;
      while (true) {
        String line;
        try {
          line = reader.readLine(prompt(last, st));
        } catch (UserInterruptException ctrlC) {
          continue; // Ctrl-C at the prompt clears the line
        } catch (EndOfFileException ctrlD) {
          break;
        }
        List<String> words = reader.getParser().parse(line, line.length()).words();
        words = words.stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
          continue;
        }
        if (words.size() == 1 && List.of("exit", "quit").contains(words.get(0))) {
          break;
        }
        last = runOne(terminal, words, out, err);
        if (last != 0) {
          err.println(st.red("exit " + last));
        }
      }
      reader.getHistory().save();
      return 0;
    }
  }

  /**
   * The system terminal through JNI (or stty when JNI fails); JNA and Jansi are never tried. The
   * encoding is given: left to JLine, it looks up Windows code-page charsets ("ms0", "cp0") that do
   * not exist, and each miss loads the JDK's extended charsets and asks every jar of the class path
   * for a charset provider, before the prompt. JLine's answer on Linux is the default charset.
   */
  static Terminal terminal() throws IOException {
    return TerminalBuilder.builder()
        .system(true)
        .encoding(Charset.defaultCharset())
        .nativeSignals(true)
        .ffm(false)
        .jna(false)
        .jansi(false)
        .build();
  }

  private static String prompt(int last, Style st) {
    return last == 0 ? st.bold("oasis> ") : st.red("oasis [" + last + "]> ");
  }

  /** One command on a worker thread; Ctrl-C interrupts that thread and waits for it. */
  private int runOne(Terminal terminal, List<String> words, PrintWriter out, PrintWriter err) {
    int[] code = {4};
    List<String> args = new ArrayList<>(words);
    Thread worker =
        new Thread(() -> code[0] = runner.run(args, out, err, colour), "oasis-" + words.get(0));
    java.util.concurrent.atomic.AtomicBoolean stopped =
        new java.util.concurrent.atomic.AtomicBoolean();
    Terminal.SignalHandler previous =
        terminal.handle(
            Terminal.Signal.INT,
            s -> {
              stopped.set(true);
              worker.interrupt();
            });
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("shell interrupted", e));
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      out.flush();
    }
    if (stopped.get()) {
      err.println("^C");
    }
    return code[0];
  }
}
