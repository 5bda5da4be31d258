package oasis;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The size limits of STYLE.md, kept: no source file of the CLI over 400 lines, no method or
 * constructor over 60. Counted on the syntax tree the JDK's own parser builds (from the first line
 * of a method's declaration to its closing brace, comments inside included), so records, lambdas
 * and nested classes count as what they are.
 */
class SizeLimitsTest {

  static final Path MAIN = Path.of("src/main/java");
  static final int MAX_FILE_LINES = 400;
  static final int MAX_METHOD_LINES = 60;

  @Test
  void noSourceFileOverFourHundredLines() throws IOException {
    List<String> over = new ArrayList<>();
    for (Path file : sources()) {
      long lines;
      try (Stream<String> s = Files.lines(file, StandardCharsets.UTF_8)) {
        lines = s.count();
      }
      if (lines > MAX_FILE_LINES) {
        over.add(MAIN.relativize(file) + ": " + lines + " lines");
      }
    }
    assertThat(over).as("files over %d lines: split them", MAX_FILE_LINES).isEmpty();
  }

  @Test
  void noMethodOverSixtyLines() throws IOException {
    assertThat(longMethods(sources()))
        .as("methods over %d lines: split them", MAX_METHOD_LINES)
        .isEmpty();
  }

  @Test
  void aLongMethodIsFound() throws IOException {
    Path dir = Files.createTempDirectory("size-limits");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < MAX_METHOD_LINES; i++) {
      body.append("    n++;\n");
    }
    Path file = dir.resolve("Long.java");
    Files.writeString(
        file,
        "class Long {\n  int n;\n  void shortOne() {\n    n++;\n  }\n\n  void longOne() {\n"
            + body
            + "  }\n}\n");
    assertThat(longMethods(List.of(file)))
        .singleElement()
        .asString()
        .contains("Long.longOne: 62 lines");
  }

  static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** Every method or constructor in {@code files} longer than the limit, as "where: N lines". */
  static List<String> longMethods(List<Path> files) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> over = new ArrayList<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  fm,
                  d -> {},
                  List.of("-proc:none"),
                  null,
                  fm.getJavaFileObjectsFromPaths(files));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        new TreePathScanner<Void, Void>() {
          String type = "";

          @Override
          public Void visitClass(ClassTree c, Void v) {
            String outer = type;
            type = outer.isEmpty() ? c.getSimpleName().toString() : outer + "." + c.getSimpleName();
            super.visitClass(c, v);
            type = outer;
            return null;
          }

          @Override
          public Void visitMethod(MethodTree m, Void v) {
            long lines = lines(unit, positions, m);
            if (lines > MAX_METHOD_LINES) {
              over.add(type + "." + m.getName() + ": " + lines + " lines");
            }
            return super.visitMethod(m, v);
          }
        }.scan(unit, null);
      }
    }
    return over;
  }

  private static long lines(CompilationUnitTree unit, SourcePositions positions, Tree tree) {
    long first = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, tree));
    long last = unit.getLineMap().getLineNumber(positions.getEndPosition(unit, tree));
    return last - first + 1;
  }
}
