package oasis.core;

/**
 * How far a piece of long work is, for a progress display: Maven's reactor ("module 2 of 5"), an
 * image's Dockerfile steps. Reported only when someone watches (a terminal); {@link #NONE} else.
 */
public interface Steps {

  /** Nobody watches. */
  Steps NONE =
      new Steps() {
        @Override
        public void step(String work, int n, int total, String what) {}

        @Override
        public void done(String work) {}
      };

  /**
   * @param work what runs, e.g. {@code maven} or an image's reference
   * @param n the step now running, from 1
   * @param total how many steps there are
   * @param what the step, e.g. the module that builds
   */
  void step(String work, int n, int total, String what);

  /** {@code work} has ended (done or failed). */
  void done(String work);
}
