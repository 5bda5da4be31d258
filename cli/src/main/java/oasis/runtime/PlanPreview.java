package oasis.runtime;

import java.util.List;

/**
 * A target that can say, object by object, what converging to a plan would change, changing
 * nothing.
 */
public interface PlanPreview {

  /**
   * One line per object that would change ({@code + create}, {@code ~ update} with its fields,
   * {@code - delete}); empty when none would.
   */
  List<String> preview(Plan plan);
}
