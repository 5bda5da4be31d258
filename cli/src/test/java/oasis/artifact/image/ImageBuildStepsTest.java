package oasis.artifact.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import oasis.core.Steps;
import org.junit.jupiter.api.Test;

class ImageBuildStepsTest {

  @Test
  void theEnginesStepLinesBecomeStepsOfTheImage() {
    List<String> seen = new ArrayList<>();
    Steps steps =
        new Steps() {
          @Override
          public void step(String work, int n, int total, String what) {
            seen.add(work + " " + n + "/" + total + " " + what);
          }

          @Override
          public void done(String work) {}
        };
    for (String stream :
        List.of(
            "Step 1/4 : FROM oasis/base:offline\n",
            " ---> 3f2a1b\n",
            "Step 2/4 : COPY lib /app/lib\n",
            "Successfully built 9c1d\n")) {
      ImageBuilder.step(steps, "oasis/callee:abc", stream);
    }
    assertThat(seen)
        .containsExactly(
            "oasis/callee:abc 1/4 FROM oasis/base:offline",
            "oasis/callee:abc 2/4 COPY lib /app/lib");
  }
}
