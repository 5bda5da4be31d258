package oasis.deploy;

import java.util.function.Supplier;

/**
 * A source of a release that builds the working tree: the engine knows, before it pays for the
 * build, that no release manifest stands behind it (the promotion gate refuses it at once).
 */
@FunctionalInterface
public interface WorkingTreeBuild extends Supplier<Release> {}
