package oasis.release;

import org.semver4j.Semver;

/** A tag that names a semantic version, and the commit it points to. */
public record ReleaseTag(String name, Semver version, String commit) {}
