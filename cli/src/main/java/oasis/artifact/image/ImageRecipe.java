package oasis.artifact.image;

import java.util.Map;
import java.util.function.Supplier;

/**
 * An image oasis builds itself: its reference, the digest of everything that goes into it (the
 * image carries it as label {@code oasis.inputs}, so unchanged inputs are never built twice), the
 * image it builds on, and how to lay out its build context (called only when it must be built).
 *
 * @param ref e.g. {@code oasis/order-manager:3f2a9c1b0d4e}
 * @param inputs sha256 of the inputs
 * @param base the recipe of its base image when oasis builds that too, else null
 * @param labels image labels (no secret, no version: an image is content, not a deployment)
 * @param context the build context
 */
record ImageRecipe(
    String ref,
    String inputs,
    ImageRecipe base,
    Map<String, String> labels,
    Supplier<BuildContext> context) {

  static final String INPUTS_LABEL = "oasis.inputs";
}
